package org.cocare.routes.portal;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cocare.engine.portal.PatientAnswerException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A reading the patient took at home — blood pressure, blood sugar or weight — checked for
 * plausible ranges, written as a FHIR Observation (LOINC coded, status final, effective now, tagged
 * and performed as patient-reported) and then handed to the same path as any FHIR message: stored
 * raw first, then processed and evaluated. So a reading of 185/125 raises the urgent blood-pressure
 * follow-up as a clinic's reading would.
 */
final class HomeReadings {
  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

  /** The tag saying who took a reading; clinicians and reports can tell home from clinic. */
  static final String SOURCE_SYSTEM = "https://cocare.org/fhir/CodeSystem/observation-source";

  static final String PATIENT_REPORTED = "patient-reported";

  static final Range SYSTOLIC = new Range("systolic", "50", "300", "mmHg");
  static final Range DIASTOLIC = new Range("diastolic", "20", "200", "mmHg");
  static final Range GLUCOSE_MG = new Range("glucose", "10", "1000", "mg/dL");
  static final Range GLUCOSE_MMOL = new Range("glucose", "0.5", "55.5", "mmol/L");
  static final Range WEIGHT = new Range("weight", "1", "500", "kg");

  /** Plausible values of one field, inclusive; beyond them a reading is a typing mistake. */
  record Range(String field, String min, String max, String unit) {
    void check(BigDecimal value) {
      if (value == null) {
        throw invalid("reading-missing", "the reading needs its " + field + " value", field);
      }
      if (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0) {
        throw invalid(
            "reading-range",
            field + " must be between " + min + " and " + max + " " + unit,
            field,
            min,
            max,
            unit);
      }
    }
  }

  /**
   * A reading as the patient sends it: {@code type} is {@code bloodPressure} (with {@code systolic}
   * and {@code diastolic} in mmHg), {@code glucose} ({@code value} in {@code unit} mg/dL or mmol/L)
   * or {@code weight} ({@code value} in kg).
   */
  record Reading(
      String type, BigDecimal systolic, BigDecimal diastolic, BigDecimal value, String unit) {}

  /** What became of a submitted reading. */
  record Submitted(String observation, String message, String status, int recommendationsIssued) {}

  private final PortalIntake intake;
  private final Clock clock;

  HomeReadings(PortalIntake intake, Clock clock) {
    this.intake = intake;
    this.clock = clock;
  }

  Submitted submit(String patientId, Reading reading) {
    Observation observation = observation(patientId, reading);
    PortalIntake.Ingested ingested = intake.ingest(observation, "reading", patientId);
    return new Submitted(
        "Observation/" + observation.getIdElement().getIdPart(),
        ingested.messageId(),
        ingested.status(),
        ingested.recommendationsIssued());
  }

  /** The reading as an Observation, after checking it; the id is new each time. */
  Observation observation(String patientId, Reading reading) {
    if (reading == null || reading.type() == null) {
      throw invalid("reading-type", "type must be bloodPressure, glucose or weight");
    }
    Observation o = new Observation();
    o.setId("home-" + UUID.randomUUID());
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setSubject(new Reference("Patient/" + patientId));
    o.addPerformer(new Reference("Patient/" + patientId));
    o.getMeta()
        .addTag(new Coding(SOURCE_SYSTEM, PATIENT_REPORTED, "Reported by the patient from home"));
    o.setEffective(new DateTimeType(Date.from(clock.instant()), TemporalPrecisionEnum.SECOND));
    switch (reading.type()) {
      case "bloodPressure" -> {
        SYSTOLIC.check(reading.systolic());
        DIASTOLIC.check(reading.diastolic());
        if (reading.systolic().compareTo(reading.diastolic()) <= 0) {
          throw invalid("reading-order", "systolic must be higher than diastolic");
        }
        category(o, "vital-signs", "Vital Signs");
        o.setCode(loinc("85354-9", "Blood pressure panel with all children optional"));
        o.addComponent()
            .setCode(loinc("8480-6", "Systolic blood pressure"))
            .setValue(quantity(reading.systolic(), "mm[Hg]", "mmHg"));
        o.addComponent()
            .setCode(loinc("8462-4", "Diastolic blood pressure"))
            .setValue(quantity(reading.diastolic(), "mm[Hg]", "mmHg"));
      }
      case "glucose" -> {
        String unit = reading.unit() == null ? "" : reading.unit().strip();
        category(o, "laboratory", "Laboratory");
        if (unit.equalsIgnoreCase("mg/dL")) {
          GLUCOSE_MG.check(reading.value());
          o.setCode(loinc("2339-0", "Glucose [Mass/volume] in Blood"));
          o.setValue(quantity(reading.value(), "mg/dL", "mg/dL"));
        } else if (unit.equalsIgnoreCase("mmol/L")) {
          GLUCOSE_MMOL.check(reading.value());
          // 2339-0 is by mass; a reading in mmol/L is the molar one, so it keeps the patient's
          // number and unit instead of a converted value they never saw.
          o.setCode(loinc("15074-8", "Glucose [Moles/volume] in Blood"));
          o.setValue(quantity(reading.value(), "mmol/L", "mmol/L"));
        } else {
          throw invalid("reading-unit", "glucose unit must be mg/dL or mmol/L");
        }
      }
      case "weight" -> {
        if (reading.unit() != null && !reading.unit().strip().equalsIgnoreCase("kg")) {
          throw invalid("reading-unit-weight", "weight unit must be kg");
        }
        WEIGHT.check(reading.value());
        category(o, "vital-signs", "Vital Signs");
        o.setCode(loinc("29463-7", "Body weight"));
        o.setValue(quantity(reading.value(), "kg", "kg"));
      }
      default -> throw invalid("reading-type", "type must be bloodPressure, glucose or weight");
    }
    return o;
  }

  private static void category(Observation o, String code, String display) {
    o.addCategory(new CodeableConcept(new Coding(CATEGORY, code, display)));
  }

  private static CodeableConcept loinc(String code, String display) {
    return new CodeableConcept(new Coding(LOINC, code, display)).setText(display);
  }

  private static Quantity quantity(BigDecimal value, String ucum, String unit) {
    return new Quantity().setValue(value).setSystem(UCUM).setCode(ucum).setUnit(unit);
  }

  private static PatientAnswerException invalid(
      String problem, String message, Object... arguments) {
    return new PatientAnswerException(
        PatientAnswerException.Reason.INVALID, problem, message, List.of(arguments));
  }
}
