package org.cocare.rules.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * The patient: demographics the rules need. {@code language} is the preferred language tag (e.g.
 * {@code en}, {@code zh-CN}), or null when the record does not say.
 */
public record PatientFact(
    String id, LocalDate birthDate, String gender, String language, boolean deceased) {
  public PatientFact {
    Objects.requireNonNull(id, "patient id must not be null");
  }

  /** Age in whole years on {@code date}; -1 when the birth date is unknown. */
  public int ageOn(LocalDate date) {
    if (birthDate == null || date.isBefore(birthDate)) {
      return -1;
    }
    return Period.between(birthDate, date).getYears();
  }

  public String reference() {
    return "Patient/" + id;
  }
}
