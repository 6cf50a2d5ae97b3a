package org.cocare.engine.recommendation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Recommendation;

/**
 * Compares a fresh evaluation with the patient's open recommendations, by code: new codes are
 * issued, codes still firing are left alone, codes no longer firing are closed — as completed with
 * the evidence when the rules say the need was met, else as no longer applicable.
 */
public final class RecommendationLifecycle {
  private final RecommendationStore store;

  public RecommendationLifecycle(RecommendationStore store) {
    this.store = store;
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
    for (Recommendation recommendation : evaluation.recommendations()) {
      if (open.remove(recommendation.code()) == null) {
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
}
