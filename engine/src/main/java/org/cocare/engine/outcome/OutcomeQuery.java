package org.cocare.engine.outcome;

import java.time.Instant;
import org.cocare.rules.recommendation.Kind;

/**
 * Which outcome events to find; a null filter matches everything. {@code from} is inclusive and
 * {@code to} exclusive, both on the event's time. At most {@code limit} events, newest first.
 * {@code cohort} keeps the events of recommendations on one side of their rule's holdout.
 */
public record OutcomeQuery(
    String ruleId,
    String measure,
    String code,
    OutcomeKind kind,
    Kind recommendationKind,
    Instant from,
    Instant to,
    String ruleSetVersion,
    Cohort cohort,
    int limit) {

  /** The most events one search returns; more is a report, not a search. */
  public static final int MAX_LIMIT = 1000;

  public OutcomeQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " must be before to " + to);
    }
  }

  /** Everything, up to {@code limit}. */
  public static OutcomeQuery all(int limit) {
    return new OutcomeQuery(null, null, null, null, null, null, null, null, null, limit);
  }
}
