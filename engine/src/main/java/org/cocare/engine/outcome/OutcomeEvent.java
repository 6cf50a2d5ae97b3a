package org.cocare.engine.outcome;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;

/**
 * One thing that happened to one recommendation. The recommendation's rule, code, measure, kind and
 * rule-set version are copied in so that outcomes can be counted by them without a join, as they
 * were when issued. {@code evidence} is a resource reference (completions only); {@code
 * daysToComplete} is the whole days from issue to completion (completions only); {@code detail} is
 * a short note for people — ids and versions, never clinical values.
 */
public record OutcomeEvent(
    String id,
    String recommendationId,
    String patientId,
    OutcomeKind kind,
    Instant at,
    String ruleId,
    String code,
    String measure,
    Kind recommendationKind,
    String ruleSetVersion,
    String evidence,
    Integer daysToComplete,
    String detail) {

  /** Longest detail kept; a note, not a document. */
  public static final int MAX_DETAIL = 500;

  public OutcomeEvent {
    requireText(id, "id");
    requireText(recommendationId, "recommendationId");
    requireText(patientId, "patientId of " + recommendationId);
    Objects.requireNonNull(kind, () -> "outcome of " + recommendationId + " needs a kind");
    Objects.requireNonNull(at, () -> "outcome of " + recommendationId + " needs a time");
    requireText(ruleId, "ruleId of " + recommendationId);
    requireText(code, "code of " + recommendationId);
    Objects.requireNonNull(
        recommendationKind,
        () -> "outcome of " + recommendationId + " needs a recommendation kind");
    requireText(ruleSetVersion, "ruleSetVersion of " + recommendationId);
    if (kind == OutcomeKind.COMPLETED && (evidence == null || evidence.isBlank())) {
      throw new IllegalArgumentException(
          "completion of " + recommendationId + " must name the evidence that closed the gap");
    }
    if (kind == OutcomeKind.COMPLETED ? daysToComplete == null : daysToComplete != null) {
      throw new IllegalArgumentException(
          "daysToComplete belongs to completions, and every completion has it ("
              + kind.code()
              + " of "
              + recommendationId
              + ")");
    }
    if (daysToComplete != null && daysToComplete < 0) {
      throw new IllegalArgumentException(
          "completion of " + recommendationId + " before its issue: " + daysToComplete + " days");
    }
    if (detail != null && detail.length() > MAX_DETAIL) {
      throw new IllegalArgumentException(
          "detail of a " + kind.code() + " outcome is longer than " + MAX_DETAIL + " characters");
    }
  }

  /** An event for an issued recommendation, with a fresh id. */
  public static OutcomeEvent of(
      IssuedRecommendation issued,
      OutcomeKind kind,
      Instant at,
      String evidence,
      Integer daysToComplete,
      String detail) {
    Recommendation r = issued.recommendation();
    return new OutcomeEvent(
        UUID.randomUUID().toString(),
        issued.id(),
        issued.patientId(),
        kind,
        at,
        r.ruleId(),
        r.code(),
        r.measure(),
        r.kind(),
        issued.ruleSetVersion(),
        evidence,
        daysToComplete,
        detail);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("outcome event needs " + name);
    }
  }
}
