/**
 * The recommendation lifecycle: issued when a rule first fires for a patient, left alone while it
 * keeps firing, closed when it stops (completed, citing the evidence, when the need was met).
 */
package org.cocare.engine.recommendation;
