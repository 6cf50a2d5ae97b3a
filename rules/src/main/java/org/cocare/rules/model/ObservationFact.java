package org.cocare.rules.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A measurement, test result or assessment (FHIR Observation). {@code effective} is
 * latest(effective) and {@code effectivePeriod} the whole interval; {@code value}/{@code unit} are
 * set for a quantity, {@code valueCodes} for a coded value; {@code hasValue} says whether any
 * value[x] is present.
 */
public record ObservationFact(
    String id,
    List<Code> codes,
    Set<String> valueSets,
    String status,
    LocalDate effective,
    BigDecimal value,
    String unit,
    Interval effectivePeriod,
    List<Code> categories,
    boolean hasValue,
    List<Code> valueCodes,
    Set<String> valueValueSets)
    implements ClinicalFact {
  public ObservationFact {
    Facts.requireId(id, "Observation");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
    effectivePeriod = effectivePeriod == null ? Interval.day(effective) : effectivePeriod;
    categories = Facts.codes(categories);
    valueCodes = Facts.codes(valueCodes);
    valueValueSets = Facts.valueSets(valueValueSets);
  }

  /** A quantity-valued or value-less observation at one date. */
  public ObservationFact(
      String id,
      List<Code> codes,
      Set<String> valueSets,
      String status,
      LocalDate effective,
      BigDecimal value,
      String unit) {
    this(
        id,
        codes,
        valueSets,
        status,
        effective,
        value,
        unit,
        null,
        List.of(),
        value != null,
        List.of(),
        Set.of());
  }

  @Override
  public String resourceType() {
    return "Observation";
  }

  /** A result that counts for a reminder: final, amended, corrected or preliminary. */
  public boolean isResulted() {
    return Facts.statusIn(status, "final", "amended", "corrected", "preliminary");
  }

  /** "Performed" in the eCQM status helpers: final, amended or corrected. */
  public boolean isFinal() {
    return Facts.statusIn(status, "final", "amended", "corrected");
  }

  /** Has a category coding with this code (e.g. {@code imaging}, {@code exam}). */
  public boolean hasCategory(String code) {
    return categories.stream().anyMatch(c -> code.equals(c.code()));
  }

  /** Has a coding with exactly this system and code (a direct-code retrieve). */
  public boolean hasCode(String system, String code) {
    return Facts.hasCode(codes, system, code);
  }

  /** The coded value is exactly this system and code. */
  public boolean valueIs(String system, String code) {
    return Facts.hasCode(valueCodes, system, code);
  }

  public boolean valueInValueSet(String valueSetUrl) {
    return valueValueSets.contains(valueSetUrl);
  }
}
