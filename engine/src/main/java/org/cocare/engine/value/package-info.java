/**
 * Value analysis: whether engagement created value, and for whom — the {@link
 * org.cocare.engine.value.Funnel funnel} of how far recommendations got, {@link
 * org.cocare.engine.value.GapClosure gap closure} over time (Kaplan–Meier), and the {@link
 * org.cocare.engine.value.Uplift uplift} of notifying against the randomised holdout — each broken
 * down by a {@link org.cocare.engine.value.Dimension} and reported with its 95% interval (Apache
 * Commons Math for distributions). {@link org.cocare.engine.value.SyntheticCohort} makes cohorts
 * whose truth is known, so that the intervals can be shown to cover it.
 *
 * <p>Pure computation on {@link org.cocare.engine.value.FollowedRecommendation}s and patient traits
 * handed in: knows no Spring, database, HTTP or FHIR parsing, and keeps no state.
 */
package org.cocare.engine.value;
