package org.cocare.routes.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.cocare.engine.outcome.Cohort;
import org.cocare.engine.value.Dimension;
import org.cocare.engine.value.ValueFilter;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;

/**
 * The query parameters of the value API and the dashboard, as the form sends them: every field a
 * string, blank meaning "no filter", so that a wrong value is shown back in the form with a message
 * instead of failing the binding. Parsed on demand; each parse fails with a message naming the
 * parameter.
 *
 * @param from first day of issue, ISO date, UTC
 * @param to last day of issue, included
 * @param by the breakdown of the funnel and the closure curves, a {@link Dimension} code
 * @param withinDays the uplift's horizon in days; blank: completed by the analysis date
 */
record ValueQuery(
    String from,
    String to,
    String rule,
    String measure,
    String configuration,
    String cohort,
    String ageBand,
    String gender,
    String education,
    String visitReason,
    String department,
    String code,
    String kind,
    String by,
    String withinDays) {

  ValueQuery {
    from = blankToNull(from);
    to = blankToNull(to);
    rule = blankToNull(rule);
    measure = blankToNull(measure);
    configuration = blankToNull(configuration);
    cohort = blankToNull(cohort);
    ageBand = blankToNull(ageBand);
    gender = blankToNull(gender);
    education = blankToNull(education);
    visitReason = blankToNull(visitReason);
    department = blankToNull(department);
    code = blankToNull(code);
    kind = blankToNull(kind);
    by = blankToNull(by);
    withinDays = blankToNull(withinDays);
  }

  /** The whole filter. */
  ValueFilter filter() {
    Period p = period();
    return new ValueFilter(
        p.from(),
        p.to(),
        rule,
        measure,
        code,
        kind == null ? null : parse("kind", () -> Kind.fromCode(kind)),
        cohort == null ? null : parse("cohort", () -> Cohort.fromCode(cohort)),
        configuration == null
            ? null
            : parse("configuration", () -> ValueConfiguration.fromCode(configuration)),
        ageBand,
        gender,
        education,
        visitReason,
        department);
  }

  /** Only the period: what the selects offer does not shrink as other filters are chosen. */
  ValueFilter periodOnly() {
    Period p = period();
    return new ValueFilter(
        p.from(), p.to(), null, null, null, null, null, null, null, null, null, null, null);
  }

  Dimension dimension() {
    return by == null ? Dimension.ALL : parse("by", () -> Dimension.fromCode(by));
  }

  /**
   * Null unless asked for: completion by the analysis date. That default works for any period and
   * counts every recommendation (the holdout is randomised, so both arms have had the same time),
   * where a fixed horizon of 90 days leaves out everything issued in the last 90 days: a manager
   * looking at last month would see no uplift at all. A horizon is one select away.
   */
  Integer horizon() {
    if (withinDays == null) {
      return null;
    }
    int days = parse("withinDays", () -> Integer.parseInt(withinDays));
    if (days <= 0) {
      throw new IllegalArgumentException("withinDays must be a positive number of days");
    }
    return days;
  }

  private Period period() {
    Instant start = from == null ? null : startOf("from", from);
    // "to" names the last day included; the filter's end is exclusive.
    Instant end =
        to == null
            ? null
            : parse("to", () -> LocalDate.parse(to))
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    if (start != null && end != null && !start.isBefore(end)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    return new Period(start, end);
  }

  private static Instant startOf(String name, String date) {
    return parse(name, () -> LocalDate.parse(date)).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private record Period(Instant from, Instant to) {}

  private static <T> T parse(String name, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is not a date (yyyy-mm-dd)", e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a whole number", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
