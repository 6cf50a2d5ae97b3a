/**
 * The measure stewards' eCQM test cases as a check of a rule set: each case's expected care gap
 * (from the stewards' {@code cases.csv}) against what the rule set recommends for that patient as
 * of the end of the case's measurement period. Reads the case files once, evaluates through the
 * {@link org.cocare.engine.evaluation.Evaluator} and writes nothing.
 *
 * <p>Knows nothing of the rule-set registry, HTTP or where the cases come from: the caller hands it
 * a cases directory and a compiled rule set (compiled with a terminology that holds the measures'
 * value sets, or the measures cannot agree).
 */
package org.cocare.engine.conformance;
