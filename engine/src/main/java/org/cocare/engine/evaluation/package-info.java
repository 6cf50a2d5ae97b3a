/**
 * Evaluation of one patient's whole record: resources to facts (with value-set membership), facts
 * through the active rule set as of a date, recommendations out. Pure: reads and writes no store.
 */
package org.cocare.engine.evaluation;
