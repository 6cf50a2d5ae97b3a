/**
 * The recommendation lifecycle: issued when a rule first fires for a patient, left alone while it
 * keeps firing, closed when it stops (completed, citing the evidence, when the need was met). Each
 * change is recorded as an outcome event ({@code org.cocare.engine.outcome}).
 */
package org.cocare.engine.recommendation;
