package org.cocare.rules.scenario;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.Recommendation;

/**
 * One test scenario of a rule set: a patient's record as of a date ({@link Input}) and every
 * recommendation and closed gap the rules must produce for it, and no other ({@link Expected}).
 * Scenarios live in the rule set's {@code scenarios-<group>.json} files (see {@link Scenarios}).
 *
 * <p>The JSON shape is ours, not FHIR: a clinician should be able to read a scenario at a glance.
 * Unknown fields fail, and so do missing ids and dates that are not dates, so a typo cannot
 * silently drop a fact or turn a scenario into one that tests nothing.
 */
public record Scenario(String name, Input input, Expected expected) {
  public Scenario {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a scenario needs a name");
    }
    required("input", input);
    required("expected", expected);
  }

  /** The record and the date the rules evaluate it on; lists left out are empty. */
  public record Input(
      String asOf,
      PatientIn patient,
      List<ConditionIn> conditions,
      List<ProcedureIn> procedures,
      List<ObservationIn> observations,
      List<EncounterIn> encounters) {
    public Input {
      required("asOf", asOf);
      date("asOf", asOf);
      conditions = conditions == null ? List.of() : List.copyOf(conditions);
      procedures = procedures == null ? List.of() : List.copyOf(procedures);
      observations = observations == null ? List.of() : List.copyOf(observations);
      encounters = encounters == null ? List.of() : List.copyOf(encounters);
    }

    public LocalDate asOfDate() {
      return date("asOf", asOf);
    }
  }

  /**
   * {@code language} (preferred, a BCP-47 tag) and {@code sex} (US Core SNOMED code) are optional.
   */
  public record PatientIn(
      String id, String birthDate, String gender, Boolean deceased, String language, String sex) {
    public PatientIn {
      required("id", id);
      date("birthDate", birthDate);
    }
  }

  public record ConditionIn(
      String id, String system, String code, String clinicalStatus, String verificationStatus) {
    public ConditionIn {
      required("id", id);
    }
  }

  public record ProcedureIn(
      String id, String system, String code, String status, String performed) {
    public ProcedureIn {
      required("id", id);
      date("performed", performed);
    }
  }

  /**
   * An observation; {@code value}/{@code unit} (a quantity), {@code valueSystem}/{@code valueCode}
   * or {@code valueCodes} (a coded value), {@code valueDate} (a date value) and {@code components}
   * (e.g. systolic and diastolic of a blood-pressure panel) are optional.
   */
  public record ObservationIn(
      String id,
      String system,
      String code,
      String status,
      String effective,
      BigDecimal value,
      String unit,
      String valueSystem,
      String valueCode,
      String valueDate,
      List<CodeIn> valueCodes,
      List<ComponentIn> components) {
    public ObservationIn {
      required("id", id);
      date("effective", effective);
      date("valueDate", valueDate);
      valueCodes = valueCodes == null ? List.of() : List.copyOf(valueCodes);
      components = components == null ? List.of() : List.copyOf(components);
    }
  }

  public record CodeIn(String system, String code) {}

  public record ComponentIn(String system, String code, BigDecimal value, String unit) {}

  public record EncounterIn(String id, String classCode, String status, String start, String end) {
    public EncounterIn {
      required("id", id);
      date("start", start);
      date("end", end);
    }
  }

  /** What the rules must produce; lists left out are empty, i.e. expect none. */
  public record Expected(
      List<ExpectedRecommendation> recommendations, List<ExpectedGap> gapsClosed) {
    public Expected {
      recommendations =
          recommendations == null
              ? List.of()
              : recommendations.stream().map(ExpectedRecommendation::normalised).toList();
      gapsClosed = gapsClosed == null ? List.of() : List.copyOf(gapsClosed);
    }
  }

  /**
   * A recommendation as a scenario states it: codes as their external names, evidence sorted
   * because the order in which Drools collects it carries no meaning. Education states the language
   * and variant the patient reads ({@code standard} or {@code plain}); the texts themselves are the
   * catalogue's, tested there.
   */
  public record ExpectedRecommendation(
      String code,
      String kind,
      String ruleId,
      List<String> evidence,
      String due,
      String priority,
      String catalogueItem,
      String language,
      String variant) {

    public ExpectedRecommendation {
      required("code", code);
    }

    /** A recommendation the rules produced, in the shape a scenario states it. */
    public static ExpectedRecommendation of(Recommendation r) {
      return new ExpectedRecommendation(
              r.code(),
              r.kind().code(),
              r.ruleId(),
              r.evidence(),
              r.due() == null ? null : r.due().toString(),
              r.priority().code(),
              r.catalogueItem(),
              r.content() == null ? null : r.content().language(),
              r.content() == null ? null : r.content().variant())
          .normalised();
    }

    ExpectedRecommendation normalised() {
      return new ExpectedRecommendation(
          code,
          kind,
          ruleId,
          evidence == null ? List.of() : evidence.stream().sorted().toList(),
          due,
          priority,
          catalogueItem,
          language,
          variant);
    }
  }

  /** A need found met, and the resource that met it ({@code Procedure/colo}). */
  public record ExpectedGap(String code, String evidence) {
    public ExpectedGap {
      required("code", code);
    }

    public static ExpectedGap of(GapClosed gap) {
      return new ExpectedGap(gap.code(), gap.evidence());
    }
  }

  private static void required(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  /** The date, or null when there is none; a text that is not an ISO date fails, naming it. */
  static LocalDate date(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " must be a date like 2025-06-15, was \"" + text + "\"", e);
    }
  }
}
