/**
 * Value analysis: whether engagement created value, and for whom. {@link
 * org.cocare.engine.value.ValueSource} reads what happened from the stores (recommendations with
 * their outcome events and notifications, patient traits, questionnaire answers); {@link
 * org.cocare.engine.value.ValueAnalysis} computes each figure in memory: the funnel ({@code
 * Funnel}), time to completion ({@code GapClosure}, Kaplan–Meier), uplift against the holdout
 * ({@code Uplift}, Newcombe), the questionnaire scales ({@code Scales}, Cronbach's alpha) and the
 * ability → behaviour → value mediation model ({@code Mediation}, OLS and a seeded percentile
 * bootstrap), broken down by {@code Dimension} and filtered by {@code ValueFilter}. Apache Commons
 * Math gives the distributions and the regressions. {@code SyntheticCohort}, {@code
 * SyntheticAnswers} and {@code SyntheticRecords} generate and write cohorts with known true
 * effects, for demonstrations and for checking the estimates. Knows nothing of HTTP or pages.
 */
package org.cocare.engine.value;
