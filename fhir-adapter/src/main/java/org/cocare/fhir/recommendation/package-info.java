/**
 * Recommendations as FHIR: education and screening reminders as {@code CommunicationRequest},
 * follow-ups as a {@code Task} for the care team, each carrying its rule, rule-set version, reason
 * and evidence.
 */
package org.cocare.fhir.recommendation;
