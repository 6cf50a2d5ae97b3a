package org.cocare.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Recommendation;

/**
 * One rule case: {@code cases/<name>/input.json} (the record, as-of date included) and {@code
 * cases/<name>/expected.json} (every recommendation and closed gap the rules must produce, and no
 * other). The JSON shape is ours, not FHIR: the FHIR mapping is tested in the adapter, and here a
 * clinician should be able to read a case at a glance. Unknown fields fail, so a typo cannot
 * silently drop a fact.
 */
record RuleCase(String name, Input input, Expected expected) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static RuleCase read(Path directory) {
    try {
      return new RuleCase(
          directory.getFileName().toString(),
          JSON.readValue(directory.resolve("input.json").toFile(), Input.class),
          JSON.readValue(directory.resolve("expected.json").toFile(), Expected.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read case " + directory, e);
    }
  }

  static Stream<Path> directories(Path root) {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(Files::isDirectory).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Input(
      String asOf,
      PatientIn patient,
      List<ConditionIn> conditions,
      List<ProcedureIn> procedures,
      List<ObservationIn> observations,
      List<EncounterIn> encounters) {
    Input {
      conditions = conditions == null ? List.of() : conditions;
      procedures = procedures == null ? List.of() : procedures;
      observations = observations == null ? List.of() : observations;
      encounters = encounters == null ? List.of() : encounters;
    }

    LocalDate asOfDate() {
      return LocalDate.parse(asOf);
    }

    List<Object> facts() {
      List<Object> facts = new ArrayList<>();
      if (patient != null) {
        facts.add(
            new PatientFact(
                patient.id(),
                date(patient.birthDate()),
                patient.gender(),
                patient.language(),
                Boolean.TRUE.equals(patient.deceased()),
                patient.sex()));
      }
      conditions.forEach(
          c ->
              facts.add(
                  RuleHarness.condition(
                      c.id(), c.system(), c.code(), c.clinicalStatus(), c.verificationStatus())));
      procedures.forEach(
          p ->
              facts.add(
                  RuleHarness.procedure(
                      p.id(), p.system(), p.code(), p.status(), date(p.performed()))));
      observations.forEach(o -> facts.add(o.fact()));
      encounters.forEach(
          e ->
              facts.add(
                  RuleHarness.encounter(
                      e.id(), e.classCode(), e.status(), date(e.start()), date(e.end()))));
      return facts;
    }
  }

  /**
   * {@code language} (preferred, a BCP-47 tag) and {@code sex} (US Core SNOMED code) are optional.
   */
  record PatientIn(
      String id, String birthDate, String gender, Boolean deceased, String language, String sex) {}

  record ConditionIn(
      String id, String system, String code, String clinicalStatus, String verificationStatus) {}

  record ProcedureIn(String id, String system, String code, String status, String performed) {}

  /**
   * An observation; {@code value}/{@code unit} (a quantity), {@code valueSystem}/{@code valueCode}
   * or {@code valueCodes} (a coded value), {@code valueDate} (a date value) and {@code components}
   * (e.g. systolic and diastolic of a blood-pressure panel) are optional.
   */
  record ObservationIn(
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
    ObservationIn {
      valueCodes = valueCodes == null ? List.of() : valueCodes;
      components = components == null ? List.of() : components;
    }

    ObservationFact fact() {
      List<Code> codes = new java.util.ArrayList<>();
      if (valueCode != null) {
        codes.add(new Code(valueSystem, valueCode));
      }
      valueCodes.forEach(c -> codes.add(new Code(c.system(), c.code())));
      if (valueDate != null) {
        return RuleHarness.observation(
            id,
            system,
            code,
            status,
            date(effective),
            value,
            valueSystem,
            valueCode,
            date(valueDate));
      }
      return RuleHarness.observation(
          id,
          system,
          code,
          status,
          date(effective),
          value,
          unit,
          codes,
          components.stream()
              .map(
                  c ->
                      new ObservationFact.Component(
                          new Code(c.system(), c.code()), c.value(), c.unit()))
              .toList());
    }
  }

  record CodeIn(String system, String code) {}

  record ComponentIn(String system, String code, BigDecimal value, String unit) {}

  record EncounterIn(String id, String classCode, String status, String start, String end) {}

  record Expected(List<ExpectedRecommendation> recommendations, List<ExpectedGap> gapsClosed) {
    Expected {
      recommendations =
          recommendations == null
              ? List.of()
              : recommendations.stream().map(ExpectedRecommendation::normalised).toList();
      gapsClosed = gapsClosed == null ? List.of() : gapsClosed;
    }
  }

  /**
   * A recommendation as a case states it: codes as their external names, evidence sorted because
   * the order in which Drools collects it carries no meaning. Education states the language and
   * variant the patient reads ({@code standard} or {@code plain}); the texts themselves are the
   * catalogue's, tested there.
   */
  record ExpectedRecommendation(
      String code,
      String kind,
      String ruleId,
      List<String> evidence,
      String due,
      String priority,
      String catalogueItem,
      String language,
      String variant) {

    static ExpectedRecommendation of(Recommendation r) {
      return new ExpectedRecommendation(
              r.code(),
              r.kind().code(),
              r.ruleId(),
              r.evidence(),
              r.due().toString(),
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

  record ExpectedGap(String code, String evidence) {
    static ExpectedGap of(GapClosed gap) {
      return new ExpectedGap(gap.code(), gap.evidence());
    }
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }
}
