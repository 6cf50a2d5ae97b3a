package org.cocare.engine.recommendation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.outcome.OutcomeEvent;
import org.cocare.engine.outcome.OutcomeKind;
import org.cocare.engine.outcome.OutcomeStore;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;

/**
 * Compares a fresh evaluation with the patient's open recommendations, by code: new codes are
 * issued, codes still firing are left alone, codes no longer firing are closed — as completed with
 * the evidence when the rules say the need was met, else as no longer applicable.
 *
 * <p>Every change is also recorded as an outcome event, through the same data source and so in the
 * caller's transaction:
 *
 * <ul>
 *   <li>{@code issued} when a recommendation is inserted;
 *   <li>{@code completed} when it is closed because a {@code GapClosed} names its evidence, with
 *       that evidence and the whole days from issue to {@code now} (the time of the evaluation that
 *       saw the evidence, not the date the procedure was done);
 *   <li>{@code superseded} when it stops firing without evidence and the evaluating rule-set
 *       version differs from the one that issued it: the detail names the new version. This cannot
 *       tell a rule change from a record change that happened under the new version; it says only
 *       that the recommendation was withdrawn under different rules;
 *   <li>{@code expired} when it stops firing without evidence under the same version that issued
 *       it: the need lapsed (the patient aged out, a condition resolved, an exclusion arrived). An
 *       open recommendation past its due date is not expired; it stays open while the rules keep
 *       firing.
 * </ul>
 *
 * The other kinds (sent, opened, self-reported done…) come from outside the engine through {@link
 * #record}.
 */
public final class RecommendationLifecycle {
  private final RecommendationStore store;
  private final OutcomeStore outcomes;

  /** Education already issued within this many days is not issued again (rule-set parameter). */
  public static final String EDUCATION_REPEAT_DAYS = "education.repeat-days";

  private static final int DEFAULT_EDUCATION_REPEAT_DAYS = 180;

  private final RuleEngine rules;

  public RecommendationLifecycle(
      RecommendationStore store, OutcomeStore outcomes, RuleEngine rules) {
    this.store = store;
    this.outcomes = outcomes;
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
    List<IssuedRecommendation> history = null;
    for (Recommendation recommendation : evaluation.recommendations()) {
      if (open.remove(recommendation.code()) != null) {
        continue;
      }
      if (recommendation.kind() == Kind.EDUCATION && history == null) {
        // Read once for all the education items of this evaluation, and only when one is new.
        history = new ArrayList<>(store.forPatient(evaluation.patientId()));
      }
      if (!sentRecently(history, recommendation, repeatAfter)) {
        IssuedRecommendation inserted =
            new IssuedRecommendation(
                UUID.randomUUID().toString(),
                evaluation.patientId(),
                recommendation,
                evaluation.ruleSetVersion(),
                IssuedRecommendation.Status.OPEN,
                now,
                null,
                null,
                null);
        store.insert(inserted);
        if (history != null) {
          // The same code twice in one evaluation is issued once, as when it was read each time.
          history.add(inserted);
        }
        outcomes.append(OutcomeEvent.of(inserted, OutcomeKind.ISSUED, now, null, null, null));
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
        outcomes.append(
            OutcomeEvent.of(
                stale,
                OutcomeKind.COMPLETED,
                now,
                evidence,
                (int) Math.max(0, Duration.between(stale.issuedAt(), now).toDays()),
                null));
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
        boolean sameRules = stale.ruleSetVersion().equals(evaluation.ruleSetVersion());
        outcomes.append(
            OutcomeEvent.of(
                stale,
                sameRules ? OutcomeKind.EXPIRED : OutcomeKind.SUPERSEDED,
                now,
                null,
                null,
                sameRules
                    ? "No longer applies under " + evaluation.ruleSetVersion()
                    : "Superseded by " + evaluation.ruleSetVersion()));
      }
    }
    return new Changes(issued, open.size());
  }

  /**
   * Appends an event that happens to a recommendation outside an evaluation: planned, sent,
   * delivered, opened, self-reported done, declined… Kinds that go with a change of the
   * recommendation itself (issued, completed, expired, superseded) are refused: only {@link
   * #reconcile} records those, together with the change. {@code detail} is a short note without
   * clinical values.
   *
   * @throws NoSuchElementException if there is no such recommendation
   */
  public OutcomeEvent record(String recommendationId, OutcomeKind kind, Instant at, String detail) {
    if (kind.changesRecommendation()) {
      throw new IllegalArgumentException(
          kind.code()
              + " is recorded by the lifecycle with the recommendation's change, not alone");
    }
    return record(
        store
            .find(recommendationId)
            .orElseThrow(() -> new NoSuchElementException("no recommendation " + recommendationId)),
        kind,
        at,
        detail);
  }

  /**
   * {@link #record(String, OutcomeKind, Instant, String)} for a recommendation the caller has just
   * read (the outreach planner has the patient's open ones), without reading it again.
   */
  public OutcomeEvent record(
      IssuedRecommendation issued, OutcomeKind kind, Instant at, String detail) {
    if (kind.changesRecommendation()) {
      throw new IllegalArgumentException(
          kind.code()
              + " is recorded by the lifecycle with the recommendation's change, not alone");
    }
    OutcomeEvent event = OutcomeEvent.of(issued, kind, at, null, null, detail);
    outcomes.append(event);
    return event;
  }

  /**
   * A patient who was given an education item recently does not get the same item again, even if it
   * was closed in between (a condition resolved and came back, say).
   */
  private static boolean sentRecently(
      List<IssuedRecommendation> history, Recommendation recommendation, Instant after) {
    return recommendation.kind() == Kind.EDUCATION
        && history.stream()
            .anyMatch(
                r ->
                    r.recommendation().code().equals(recommendation.code())
                        && r.issuedAt().isAfter(after));
  }
}
