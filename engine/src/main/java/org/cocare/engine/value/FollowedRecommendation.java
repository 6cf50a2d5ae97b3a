package org.cocare.engine.value;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * One issued recommendation as value analysis follows it: what it was, which side of its rule's
 * holdout it fell on, how it reached the patient and how far it got.
 *
 * @param configuration the value configuration its rule's metadata names; null when none
 * @param channel how it was to reach the patient: {@code email} or {@code sms} when a message was
 *     planned on one (whatever became of it: the funnel says), else {@code portal} when it was only
 *     in the inbox, else null (never announced: held out, or withheld)
 * @param language the language it was announced in; null when never announced
 * @param reached the funnel stages it reached; always contains {@link Stage#ISSUED}
 * @param daysToComplete whole days from issue to completion; null unless completed
 * @param daysObserved whole days it was followed: to its completion, expiry or supersession, or to
 *     the analysis date while still open (the censoring time of an uncompleted one)
 */
public record FollowedRecommendation(
    String recommendationId,
    String patientId,
    String ruleId,
    String code,
    String measure,
    Kind kind,
    ValueConfiguration configuration,
    Instant issuedAt,
    boolean heldOut,
    String channel,
    String language,
    Set<Stage> reached,
    Integer daysToComplete,
    int daysObserved) {

  public FollowedRecommendation {
    Objects.requireNonNull(recommendationId, "recommendationId");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(issuedAt, "issuedAt");
    reached = reached.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(reached);
    reached.add(Stage.ISSUED);
    reached = Set.copyOf(reached);
    if (reached.contains(Stage.COMPLETED) != (daysToComplete != null)) {
      throw new IllegalArgumentException(
          "daysToComplete belongs to completed recommendations, and every one has it: "
              + recommendationId);
    }
    if (daysObserved < 0 || (daysToComplete != null && daysToComplete > daysObserved)) {
      throw new IllegalArgumentException(
          "followed for "
              + daysObserved
              + " days, completed after "
              + daysToComplete
              + ": "
              + recommendationId);
    }
  }

  public boolean completed() {
    return daysToComplete != null;
  }
}
