/**
 * Recommendations as FHIR: education and screening reminders as {@code CommunicationRequest},
 * follow-ups as a {@code Task} for the care team, each carrying its rule, rule-set version, reason
 * and evidence; and how many of them closed the gaps they were issued for, per measure and period,
 * as a summary {@code MeasureReport}.
 */
package org.cocare.fhir.recommendation;
