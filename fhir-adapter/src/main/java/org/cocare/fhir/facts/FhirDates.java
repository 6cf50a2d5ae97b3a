package org.cocare.fhir.facts;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cocare.rules.model.Interval;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR timing as calendar days, the way the eCQMs compare them (MEASURES.md §1.1, §1.5): a
 * timestamp is converted to UTC and its UTC date taken; a date (or a partial date, taking its first
 * day) is that date.
 */
final class FhirDates {
  private FhirDates() {}

  static LocalDate date(BaseDateTimeType value) {
    if (value == null || !value.hasValue()) {
      return null;
    }
    if (value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
      return value.getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
    String text = value.getValueAsString();
    return switch (text.length()) {
      case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
      case 7 -> LocalDate.parse(text + "-01");
      default -> LocalDate.parse(text.substring(0, 10));
    };
  }

  /** latest(x): the end of the interval when present, else its start. */
  static LocalDate date(Type value) {
    return interval(value, null).latest();
  }

  /**
   * toInterval(x): a dateTime is its own day; a Period runs from start (absent: unbounded) to end
   * (absent: open); an Age or a Range of ages is the year(s) the patient had that age (needs the
   * birth date); anything else is no interval.
   */
  static Interval interval(Type value, LocalDate birthDate) {
    if (value instanceof BaseDateTimeType dateTime) {
      return Interval.day(date(dateTime));
    }
    if (value instanceof Period period) {
      LocalDate start = date(period.getStartElement());
      LocalDate end = date(period.getEndElement());
      return start == null && end == null ? Interval.NONE : Interval.of(start, end);
    }
    if (value instanceof Age age && birthDate != null && age.hasValue()) {
      LocalDate from = birthDate.plusYears(age.getValue().longValue());
      return Interval.of(from, from.plusYears(1).minusDays(1));
    }
    if (value instanceof Range range && birthDate != null && range.hasLow() && range.hasHigh()) {
      return Interval.of(
          birthDate.plusYears(range.getLow().getValue().longValue()),
          birthDate.plusYears(range.getHigh().getValue().longValue() + 1).minusDays(1));
    }
    return Interval.NONE;
  }

  static LocalDate start(Period period) {
    return period == null ? null : date(period.getStartElement());
  }

  static LocalDate end(Period period) {
    return period == null ? null : date(period.getEndElement());
  }
}
