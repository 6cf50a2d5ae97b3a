package org.cocare.rules.content;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.cocare.rules.model.PatientFact;

/**
 * One education item of the catalogue, as a fact the education rule matches: the topics it {@code
 * serves} (the diagnoses or situations classification rules find, e.g. {@code diabetes}), its
 * audience (age band, both ends included and either open; sex), the guideline it follows and the
 * reason a clinician reads when it is recommended.
 */
public record EducationItem(
    String id,
    Format format,
    Set<String> serves,
    Integer minAge,
    Integer maxAge,
    Sex sex,
    String source,
    String reason) {

  /** How the item is delivered. */
  public enum Format {
    ARTICLE,
    VIDEO,
    DECISION_AID,
    GROUP_INVITATION;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Format of(String code) {
      return Arrays.stream(values())
          .filter(f -> f.code().equals(code))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "format must be one of "
                          + Arrays.stream(values()).map(Format::code).toList()
                          + ", was '"
                          + code
                          + "'"));
    }
  }

  /** The audience's sex: the FHIR administrative gender, or the US Core sex SNOMED code. */
  public enum Sex {
    ANY(null, null),
    FEMALE("female", "248152002"),
    MALE("male", "248153007");

    private final String gender;
    private final String snomed;

    Sex(String gender, String snomed) {
      this.gender = gender;
      this.snomed = snomed;
    }

    public static Sex of(String text) {
      if (text == null || text.isBlank()) {
        return ANY;
      }
      return switch (text.strip()) {
        case "female" -> FEMALE;
        case "male" -> MALE;
        default ->
            throw new IllegalArgumentException(
                "sex must be female, male or blank, was '" + text + "'");
      };
    }

    boolean includes(PatientFact patient) {
      return this == ANY || gender.equals(patient.gender()) || snomed.equals(patient.sex());
    }
  }

  public EducationItem {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "catalogue item id must be lower-case letters, digits and dashes, was '" + id + "'");
    }
    Objects.requireNonNull(format, () -> "catalogue item " + id + " needs a format");
    serves = Set.copyOf(serves);
    if (serves.isEmpty()) {
      throw new IllegalArgumentException("catalogue item " + id + " must serve a topic");
    }
    if (minAge != null && maxAge != null && minAge > maxAge) {
      throw new IllegalArgumentException(
          "catalogue item " + id + " has min_age " + minAge + " above max_age " + maxAge);
    }
    Objects.requireNonNull(sex, () -> "catalogue item " + id + " needs a sex (ANY for anyone)");
    if (source == null || source.isBlank() || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("catalogue item " + id + " needs a source and a reason");
    }
  }

  /** The code of the recommendation that sends this item: {@code education-<id>}. */
  public String recommendationCode() {
    return "education-" + id;
  }

  public boolean servesTopic(String topic) {
    return serves.contains(topic);
  }

  /**
   * True when the patient is in the item's audience on {@code asOf}: age in whole years within the
   * band (an unknown birth date is outside any bounded band) and of the item's sex, if it has one.
   */
  public boolean suits(PatientFact patient, LocalDate asOf) {
    int age = patient.ageOn(asOf);
    if (minAge != null && (age < 0 || age < minAge)) {
      return false;
    }
    if (maxAge != null && (age < 0 || age > maxAge)) {
      return false;
    }
    return sex.includes(patient);
  }
}
