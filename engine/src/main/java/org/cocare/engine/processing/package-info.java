/**
 * Processing a stored message: apply its changes to the patient records, re-evaluate every patient
 * whose record changed, reconcile their recommendations — all in one transaction, so a failure
 * leaves nothing half-done and the message can be replayed.
 */
package org.cocare.engine.processing;
