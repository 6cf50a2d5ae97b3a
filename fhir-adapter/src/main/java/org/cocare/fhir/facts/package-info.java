/**
 * From FHIR to the rules' world: what a message changes (upserts and deletes per resource), whose
 * record each resource belongs to (the Patient compartment), and each resource turned into a fact.
 * Knows no database; value-set membership comes from a {@link
 * org.cocare.rules.model.ValueSetIndex}.
 */
package org.cocare.fhir.facts;
