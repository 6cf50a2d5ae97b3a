package org.cocare.fhir.facts;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR dates as calendar dates, read from the written value so that a time zone never moves a day:
 * {@code 2026-03-01T23:30:00-05:00} is 1 March. Partial dates take their first day.
 */
final class FhirDates {
  private FhirDates() {}

  static LocalDate date(BaseDateTimeType value) {
    if (value == null || !value.hasValue()) {
      return null;
    }
    String text = value.getValueAsString();
    return switch (text.length()) {
      case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
      case 7 -> LocalDate.parse(text + "-01");
      default -> LocalDate.parse(text.substring(0, 10));
    };
  }

  /** The date of a dateTime, or of a Period's end (its start when open-ended). */
  static LocalDate date(Type value) {
    if (value instanceof BaseDateTimeType dateTime) {
      return date(dateTime);
    }
    if (value instanceof Period period) {
      return period.hasEnd() ? date(period.getEndElement()) : date(period.getStartElement());
    }
    return null;
  }

  static LocalDate start(Period period) {
    return period == null ? null : date(period.getStartElement());
  }

  static LocalDate end(Period period) {
    return period == null ? null : date(period.getEndElement());
  }
}
