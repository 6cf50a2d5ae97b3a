/**
 * A rule set's test scenarios: the format (a patient's record as of a date, and every
 * recommendation and closed gap the rules must produce for it), building facts from a scenario's
 * record with a given terminology, and running scenarios against a compiled rule base, with the
 * differences stated so that a clinician can act on them.
 *
 * <p>The shipped rule set's scenarios are this module's rule tests, and the engine runs a draft's
 * before it may be approved: the same format and the same runner, so a scenario means the same
 * thing in both places. The JSON shape is ours, not FHIR (the FHIR mapping is tested in the
 * adapter); nothing here knows FHIR, Spring or databases.
 */
package org.cocare.rules.scenario;
