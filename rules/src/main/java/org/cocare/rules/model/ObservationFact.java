package org.cocare.rules.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A measurement, test result or assessment (FHIR Observation). {@code effective} is
 * latest(effective) and {@code effectivePeriod} the whole interval; {@code value}/{@code unit} are
 * set for a quantity, {@code valueCodes} for a coded value; {@code hasValue} says whether any
 * value[x] is present. {@code components} are the quantity components (e.g. systolic and diastolic
 * of a blood-pressure panel), {@code encounter} the id of the Encounter it was taken in, {@code
 * issued} the date it was issued, and {@code notDoneReasons} the QI-Core not-done reason of a
 * cancelled observation. {@code valueDate} is the UTC day of a {@code valueDateTime} (e.g. the quit
 * date of a former smoker, LOINC 74010-0), null for any other value.
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
    Set<String> valueValueSets,
    List<Component> components,
    String encounter,
    LocalDate issued,
    List<Code> notDoneReasons,
    Set<String> notDoneReasonValueSets,
    LocalDate valueDate)
    implements ClinicalFact {
  public ObservationFact {
    Facts.requireId(id, "Observation");
    codes = Facts.codes(codes);
    valueSets = Facts.valueSets(valueSets);
    effectivePeriod = effectivePeriod == null ? Interval.day(effective) : effectivePeriod;
    categories = Facts.codes(categories);
    valueCodes = Facts.codes(valueCodes);
    valueValueSets = Facts.valueSets(valueValueSets);
    components = components == null ? List.of() : List.copyOf(components);
    notDoneReasons = Facts.codes(notDoneReasons);
    notDoneReasonValueSets = Facts.valueSets(notDoneReasonValueSets);
  }

  /** One component with its code and, when it has a quantity, the value and unit. */
  public record Component(Code code, BigDecimal value, String unit) {
    public Component {
      Objects.requireNonNull(code, "component code must not be null");
    }
  }

  /** An observation without components, encounter, issued date or not-done reason. */
  public ObservationFact(
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
      Set<String> valueValueSets) {
    this(
        id,
        codes,
        valueSets,
        status,
        effective,
        value,
        unit,
        effectivePeriod,
        categories,
        hasValue,
        valueCodes,
        valueValueSets,
        List.of(),
        null,
        null,
        List.of(),
        Set.of(),
        null);
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

  /** Has a component with exactly this system and code. */
  public boolean hasComponent(String system, String code) {
    return components.stream()
        .anyMatch(c -> code.equals(c.code().code()) && system.equals(c.code().system()));
  }

  /**
   * The quantity value of the first component with this system and code; null when there is no such
   * component or it has no quantity.
   */
  public BigDecimal componentValue(String system, String code) {
    return components.stream()
        .filter(c -> code.equals(c.code().code()) && system.equals(c.code().system()))
        .map(Component::value)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** The not-done reason is exactly this system and code. */
  public boolean notDoneReasonIs(String system, String code) {
    return Facts.hasCode(notDoneReasons, system, code);
  }

  public boolean notDoneReasonInValueSet(String valueSetUrl) {
    return notDoneReasonValueSets.contains(valueSetUrl);
  }
}
