/**
 * The fact model the rules reason over: one record per kind of clinical fact, derived facts that
 * classification rules insert, and the evaluation context (as-of date, measurement period).
 *
 * <p>Facts are plain immutable records built by the FHIR adapter; value-set membership is computed
 * before evaluation, so a rule asks {@code inValueSet(url)} and never lists codes itself. This
 * package knows nothing of FHIR, Spring or databases.
 */
package org.cocare.rules.model;
