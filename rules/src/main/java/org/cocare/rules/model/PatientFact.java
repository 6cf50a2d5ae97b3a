package org.cocare.rules.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * The patient: demographics the rules need. {@code language} is the preferred language tag (e.g.
 * {@code en}, {@code zh-CN}), or null when the record does not say. {@code sex} is the US Core sex
 * extension's SNOMED code (e.g. {@code 248152002} female), which the 2025 eCQMs read instead of
 * {@code gender}.
 */
public record PatientFact(
    String id, LocalDate birthDate, String gender, String language, boolean deceased, String sex) {
  public PatientFact {
    Objects.requireNonNull(id, "patient id must not be null");
  }

  public PatientFact(
      String id, LocalDate birthDate, String gender, String language, boolean deceased) {
    this(id, birthDate, gender, language, deceased, null);
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
