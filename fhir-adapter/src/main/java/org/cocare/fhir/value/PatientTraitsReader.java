package org.cocare.fhir.value;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.cocare.fhir.facts.PatientCompartment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a patient's {@link PatientTraits} from their stored record, as the record stood on an as-of
 * date: what was dated after it is not yet known, and what was entered in error never was.
 *
 * <ul>
 *   <li>age: whole years from {@code Patient.birthDate} to the as-of date (a partial birth date
 *       counts from its first day, as the rules read it); null without a birth date or when the
 *       as-of date is before it;
 *   <li>gender: the {@code Patient.gender} code;
 *   <li>education: the newest Observation coded LOINC {@value #EDUCATION} (by its effective time,
 *       else its issued time) that has a {@code valueCodeableConcept};
 *   <li>visit reason and department: the newest Encounter by {@code period.start}, its first {@code
 *       reasonCode} and first {@code serviceType}. Cancelled encounters did not take place, so they
 *       are skipped like entered-in-error ones.
 * </ul>
 *
 * A concept is read as its first coding's code, else its text. Thread-safe.
 */
public final class PatientTraitsReader {
  /** LOINC "Highest level of education". */
  public static final String EDUCATION = "82589-3";

  static final String LOINC = "http://loinc.org";

  private final FhirContext context;

  public PatientTraitsReader(FhirContext context) {
    this.context = context;
  }

  /** The traits from the record's resources as stored (JSON, one resource each). */
  public PatientTraits readJson(String patientId, List<String> recordJson, LocalDate asOf) {
    IParser parser = context.newJsonParser();
    return read(
        patientId,
        recordJson.stream().map(json -> (Resource) parser.parseResource(json)).toList(),
        asOf);
  }

  /** The traits from the record's parsed resources; resources of other types are ignored. */
  public static PatientTraits read(
      String patientId, Collection<? extends Resource> record, LocalDate asOf) {
    if (asOf == null) {
      throw new IllegalArgumentException("patient traits are read as of a date; none was given");
    }
    Patient patient = patient(patientId, record);
    Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    Observation education = null;
    Instant educationAt = null;
    Encounter visit = null;
    Instant visitAt = null;
    for (Resource resource : record) {
      if (resource instanceof Observation o
          && o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR
          && isEducation(o.getCode())
          && o.hasValueCodeableConcept()) {
        Instant at = o.hasEffective() ? latest(o.getEffective()) : start(o.getIssuedElement());
        if (at != null && at.isBefore(end) && (educationAt == null || at.isAfter(educationAt))) {
          education = o;
          educationAt = at;
        }
      } else if (resource instanceof Encounter e
          && e.getStatus() != Encounter.EncounterStatus.ENTEREDINERROR
          && e.getStatus() != Encounter.EncounterStatus.CANCELLED
          && e.hasPeriod()) {
        Instant at = start(e.getPeriod().getStartElement());
        if (at != null && at.isBefore(end) && (visitAt == null || at.isAfter(visitAt))) {
          visit = e;
          visitAt = at;
        }
      }
    }
    return new PatientTraits(
        patientId,
        patient == null ? null : age(patient, asOf),
        patient != null && patient.hasGender() ? patient.getGender().toCode() : null,
        education == null ? null : codeOrText(education.getValueCodeableConcept()),
        visit == null || !visit.hasReasonCode() ? null : codeOrText(visit.getReasonCodeFirstRep()),
        visit == null || !visit.hasServiceType() ? null : codeOrText(visit.getServiceType()));
  }

  /** The record's Patient with the patient's id, else its only Patient, else none. */
  private static Patient patient(String patientId, Collection<? extends Resource> record) {
    List<Patient> patients =
        record.stream().filter(Patient.class::isInstance).map(Patient.class::cast).toList();
    return patients.stream()
        .filter(p -> patientId.equals(PatientCompartment.idPart(p.getIdElement().getIdPart())))
        .findFirst()
        .orElse(patients.size() == 1 ? patients.get(0) : null);
  }

  private static Integer age(Patient patient, LocalDate asOf) {
    Instant birth = start(patient.getBirthDateElement());
    if (birth == null) {
      return null;
    }
    LocalDate born = birth.atZone(ZoneOffset.UTC).toLocalDate();
    return born.isAfter(asOf) ? null : Period.between(born, asOf).getYears();
  }

  private static boolean isEducation(CodeableConcept code) {
    return code.getCoding().stream()
        .anyMatch(c -> LOINC.equals(c.getSystem()) && EDUCATION.equals(c.getCode()));
  }

  private static String codeOrText(CodeableConcept concept) {
    for (Coding coding : concept.getCoding()) {
      if (coding.hasCode()) {
        return coding.getCode();
      }
    }
    return concept.hasText() ? concept.getText() : null;
  }

  /** When an effective[x] was: a period's end, else its start; a dateTime or instant itself. */
  private static Instant latest(Type effective) {
    if (effective instanceof BaseDateTimeType dateTime) {
      return start(dateTime);
    }
    if (effective instanceof org.hl7.fhir.r4.model.Period period) {
      Instant end = start(period.getEndElement());
      return end != null ? end : start(period.getStartElement());
    }
    return null;
  }

  /**
   * The instant a date or dateTime begins. A date (or partial date) begins at its first day's UTC
   * midnight rather than at midnight in the JVM's zone, which is how HAPI would read it, so the
   * same record reads the same on every server.
   */
  private static Instant start(BaseDateTimeType value) {
    if (value == null || !value.hasValue()) {
      return null;
    }
    if (value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
      return value.getValue().toInstant();
    }
    String text = value.getValueAsString();
    LocalDate day =
        switch (text.length()) {
          case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
          case 7 -> LocalDate.parse(text + "-01");
          default -> LocalDate.parse(text.substring(0, 10));
        };
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
