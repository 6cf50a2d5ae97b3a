package org.cocare.routes.value;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.value.ValueFilter;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * The filter parameters of every value request, as the API and the dashboard take them: the period
 * as ISO dates with both days included (UTC), the rest by their codes; blank means "any". Spring
 * binds the query string to it by name.
 */
public record ValueQuery(
    LocalDate from,
    LocalDate to,
    String rule,
    String measure,
    String code,
    String kind,
    String cohort,
    String configuration,
    String ageBand,
    String gender,
    String education,
    String visitReason,
    String department) {

  /** The engine's filter; an unknown code is refused with the known ones. */
  public ValueFilter filter() {
    return new ValueFilter(
        from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        blankToNull(rule),
        blankToNull(measure),
        blankToNull(code),
        blank(kind) ? null : Kind.fromCode(kind),
        blank(cohort) ? null : Cohort.fromCode(cohort),
        blank(configuration) ? null : ValueConfiguration.fromCode(configuration),
        blankToNull(ageBand),
        blankToNull(gender),
        blankToNull(education),
        blankToNull(visitReason),
        blankToNull(department));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s;
  }
}
