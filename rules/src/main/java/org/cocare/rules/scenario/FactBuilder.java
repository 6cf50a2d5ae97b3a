package org.cocare.rules.scenario;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.ProcedureFact;
import org.cocare.rules.model.ValueSetIndex;

/**
 * Facts as the rules see them, built from a scenario's record (or by a test, one at a time), with
 * value-set membership from the given terminology: what the FHIR adapter does for a real record,
 * for the few fields a scenario states. Which terminology decides which value sets a code is in, so
 * the same scenario is run with the engine's own when a draft is tested.
 */
public final class FactBuilder {
  private final ValueSetIndex terminology;

  public FactBuilder(ValueSetIndex terminology) {
    this.terminology = terminology;
  }

  /** Every fact of the scenario's record: the patient (if any), then each resource in order. */
  public List<Object> facts(Scenario.Input input) {
    List<Object> facts = new ArrayList<>();
    Scenario.PatientIn patient = input.patient();
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
    input
        .conditions()
        .forEach(
            c ->
                facts.add(
                    condition(
                        c.id(), c.system(), c.code(), c.clinicalStatus(), c.verificationStatus())));
    input
        .procedures()
        .forEach(
            p ->
                facts.add(
                    procedure(p.id(), p.system(), p.code(), p.status(), date(p.performed()))));
    input.observations().forEach(o -> facts.add(observation(o)));
    input
        .encounters()
        .forEach(
            e ->
                facts.add(
                    encounter(e.id(), e.classCode(), e.status(), date(e.start()), date(e.end()))));
    return facts;
  }

  public ConditionFact condition(
      String id, String system, String code, String clinicalStatus, String verificationStatus) {
    return new ConditionFact(
        id,
        List.of(new Code(system, code)),
        terminology.valueSetsContaining(system, code),
        clinicalStatus,
        verificationStatus,
        null,
        null,
        null);
  }

  public ProcedureFact procedure(
      String id, String system, String code, String status, LocalDate performed) {
    return new ProcedureFact(
        id,
        List.of(new Code(system, code)),
        terminology.valueSetsContaining(system, code),
        status,
        performed);
  }

  public ObservationFact observation(
      String id, String system, String code, String status, LocalDate effective) {
    return new ObservationFact(
        id,
        List.of(new Code(system, code)),
        terminology.valueSetsContaining(system, code),
        status,
        effective,
        null,
        null);
  }

  /**
   * An observation with a value: a quantity, a coded value (both {@code valueSystem} and {@code
   * valueCode}) or a date; any of them may be null.
   */
  public ObservationFact observation(
      String id,
      String system,
      String code,
      String status,
      LocalDate effective,
      BigDecimal value,
      String valueSystem,
      String valueCode,
      LocalDate valueDate) {
    List<Code> valueCodes =
        valueCode == null ? List.of() : List.of(new Code(valueSystem, valueCode));
    return observation(
        id, system, code, status, effective, value, null, valueCodes, List.of(), valueDate);
  }

  /**
   * An observation with a quantity value, coded values and quantity components; the value's value
   * sets come from the terminology like the code's.
   */
  public ObservationFact observation(
      String id,
      String system,
      String code,
      String status,
      LocalDate effective,
      BigDecimal value,
      String unit,
      List<Code> valueCodes,
      List<ObservationFact.Component> components) {
    return observation(
        id, system, code, status, effective, value, unit, valueCodes, components, null);
  }

  public EncounterFact encounter(
      String id, String classCode, String status, LocalDate start, LocalDate end) {
    return new EncounterFact(id, List.of(), Set.of(), status, classCode, start, end, null);
  }

  private ObservationFact observation(Scenario.ObservationIn o) {
    if (o.valueDate() != null) {
      return observation(
          o.id(),
          o.system(),
          o.code(),
          o.status(),
          date(o.effective()),
          o.value(),
          o.valueSystem(),
          o.valueCode(),
          date(o.valueDate()));
    }
    List<Code> codes = new ArrayList<>();
    if (o.valueCode() != null) {
      codes.add(new Code(o.valueSystem(), o.valueCode()));
    }
    o.valueCodes().forEach(c -> codes.add(new Code(c.system(), c.code())));
    return observation(
        o.id(),
        o.system(),
        o.code(),
        o.status(),
        date(o.effective()),
        o.value(),
        o.unit(),
        codes,
        o.components().stream()
            .map(
                c ->
                    new ObservationFact.Component(
                        new Code(c.system(), c.code()), c.value(), c.unit()))
            .toList());
  }

  private ObservationFact observation(
      String id,
      String system,
      String code,
      String status,
      LocalDate effective,
      BigDecimal value,
      String unit,
      List<Code> valueCodes,
      List<ObservationFact.Component> components,
      LocalDate valueDate) {
    Set<String> valueValueSets = new LinkedHashSet<>();
    valueCodes.forEach(
        c -> valueValueSets.addAll(terminology.valueSetsContaining(c.system(), c.code())));
    return new ObservationFact(
        id,
        List.of(new Code(system, code)),
        terminology.valueSetsContaining(system, code),
        status,
        effective,
        value,
        unit,
        null,
        List.of(),
        value != null || !valueCodes.isEmpty() || valueDate != null,
        valueCodes,
        valueValueSets,
        components,
        null,
        null,
        List.of(),
        Set.of(),
        valueDate);
  }

  private static LocalDate date(String text) {
    return Scenario.date("date", text);
  }
}
