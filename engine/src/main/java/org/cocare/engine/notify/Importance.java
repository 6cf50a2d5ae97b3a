package org.cocare.engine.notify;

import java.util.Comparator;
import java.util.Map;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;

/**
 * The order in which a patient hears about things, used when the weekly cap bites and when a
 * message lists its items: urgent first, then follow-ups, screening, education; the earliest due
 * first within each, then by code (so that a message leads with the same item every time).
 */
final class Importance {
  private static final Map<Kind, Integer> KIND_ORDER =
      Map.of(Kind.FOLLOW_UP_TASK, 0, Kind.SCREENING_REMINDER, 1, Kind.EDUCATION, 2);

  static final Comparator<Recommendation> ORDER =
      Comparator.comparing((Recommendation r) -> !r.urgent())
          .thenComparing(r -> KIND_ORDER.get(r.kind()))
          .thenComparing(Recommendation::due)
          .thenComparing(Recommendation::code);

  private Importance() {}
}
