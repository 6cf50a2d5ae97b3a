package org.cocare.engine.recommendation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;

/**
 * Compares a fresh evaluation with the patient's open recommendations, by code: new codes are
 * issued, codes still firing are left alone, codes no longer firing are closed — as completed with
 * the evidence when the rules say the need was met, else as no longer applicable.
 */
public final class RecommendationLifecycle {
  private final RecommendationStore store;

  /** Education already issued within this many days is not issued again (rule-set parameter). */
  public static final String EDUCATION_REPEAT_DAYS = "education.repeat-days";

  private static final int DEFAULT_EDUCATION_REPEAT_DAYS = 180;

  private final RuleEngine rules;

  public RecommendationLifecycle(RecommendationStore store, RuleEngine rules) {
    this.store = store;
    this.rules = rules;
  }

  /** How many recommendations an evaluation issued and closed. */
  public record Changes(int issued, int closed) {}

  public Changes reconcile(Evaluation evaluation, Instant now) {
    Map<String, IssuedRecommendation> open = new HashMap<>();
    store.open(evaluation.patientId()).forEach(r -> open.put(r.recommendation().code(), r));
    Map<String, String> closedBy = new HashMap<>();
    for (GapClosed gap : evaluation.gapsClosed()) {
      closedBy.putIfAbsent(gap.code(), gap.evidence());
    }
    int issued = 0;
    Instant repeatAfter =
        now.minus(
            Duration.ofDays(
                rules
                    .active()
                    .parameters()
                    .intValueOr(EDUCATION_REPEAT_DAYS, DEFAULT_EDUCATION_REPEAT_DAYS)));
    for (Recommendation recommendation : evaluation.recommendations()) {
      if (open.remove(recommendation.code()) == null
          && !sentRecently(evaluation.patientId(), recommendation, repeatAfter)) {
        store.insert(
            new IssuedRecommendation(
                UUID.randomUUID().toString(),
                evaluation.patientId(),
                recommendation,
                evaluation.ruleSetVersion(),
                IssuedRecommendation.Status.OPEN,
                now,
                null,
                null,
                null));
        issued++;
      }
    }
    for (IssuedRecommendation stale : open.values()) {
      String evidence = closedBy.get(stale.recommendation().code());
      if (evidence != null) {
        store.close(
            stale.id(),
            IssuedRecommendation.Status.COMPLETED,
            now,
            "Completed: the need was met by "
                + evidence
                + " (evaluated as of "
                + evaluation.asOf()
                + ").",
            evidence);
      } else {
        store.close(
            stale.id(),
            IssuedRecommendation.Status.CLOSED,
            now,
            "No longer recommended by "
                + evaluation.ruleSetVersion()
                + " as of "
                + evaluation.asOf()
                + ".",
            null);
      }
    }
    return new Changes(issued, open.size());
  }

  /**
   * A patient who was given an education item recently does not get the same item again, even if it
   * was closed in between (a condition resolved and came back, say).
   */
  private boolean sentRecently(String patientId, Recommendation recommendation, Instant after) {
    return recommendation.kind() == Kind.EDUCATION
        && store.forPatient(patientId).stream()
            .anyMatch(
                r ->
                    r.recommendation().code().equals(recommendation.code())
                        && r.issuedAt().isAfter(after));
  }
}
