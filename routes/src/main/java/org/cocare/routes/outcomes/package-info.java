/**
 * Outcomes over HTTP: a patient's timeline and a search across patients by rule, measure, code,
 * kind and period. Translates HTTP to {@code OutcomeStore} queries; no logic and no writes here.
 */
package org.cocare.routes.outcomes;
