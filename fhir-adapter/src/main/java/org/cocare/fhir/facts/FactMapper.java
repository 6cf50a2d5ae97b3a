package org.cocare.fhir.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.ImmunizationFact;
import org.cocare.rules.model.MedicationFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.ProcedureFact;
import org.cocare.rules.model.ValueSetIndex;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the resources of one patient's record into facts for the rules. Resource types the rules do
 * not reason over are skipped. Value-set membership is looked up once per coding, here, so rules
 * test {@code inValueSet(url)} in constant time.
 */
public final class FactMapper {
  private final ValueSetIndex valueSets;

  public FactMapper(ValueSetIndex valueSets) {
    this.valueSets = valueSets;
  }

  public List<Object> facts(Collection<? extends Resource> record) {
    List<Object> facts = new ArrayList<>(record.size());
    for (Resource resource : record) {
      Object fact = fact(resource);
      if (fact != null) {
        facts.add(fact);
      }
    }
    return facts;
  }

  /** The fact for one resource, or null when the rules do not use its type. */
  public Object fact(Resource resource) {
    String id = PatientCompartment.idPart(resource.getIdElement().getIdPart());
    return resource instanceof Patient p ? patient(id, p) : clinical(id, resource);
  }

  private Object clinical(String id, Resource resource) {
    if (resource instanceof Condition c) {
      List<Code> codes = codes(c.getCode());
      return new ConditionFact(
          id,
          codes,
          valueSetsOf(codes),
          firstCode(c.getClinicalStatus()),
          firstCode(c.getVerificationStatus()),
          c.hasOnset() ? FhirDates.date(c.getOnset()) : null,
          c.hasAbatement() ? FhirDates.date(c.getAbatement()) : null,
          FhirDates.date(c.getRecordedDateElement()));
    }
    if (resource instanceof Observation o) {
      List<Code> codes = codes(o.getCode());
      return new ObservationFact(
          id,
          codes,
          valueSetsOf(codes),
          o.hasStatus() ? o.getStatus().toCode() : null,
          o.hasEffective()
              ? FhirDates.date(o.getEffective())
              : FhirDates.date(o.getIssuedElement()),
          o.hasValueQuantity() ? o.getValueQuantity().getValue() : null,
          o.hasValueQuantity() ? unit(o) : null);
    }
    if (resource instanceof Procedure p) {
      List<Code> codes = codes(p.getCode());
      return new ProcedureFact(
          id,
          codes,
          valueSetsOf(codes),
          p.hasStatus() ? p.getStatus().toCode() : null,
          p.hasPerformed() ? FhirDates.date(p.getPerformed()) : null);
    }
    if (resource instanceof Encounter e) {
      List<Code> codes = new ArrayList<>();
      e.getType().forEach(type -> codes.addAll(codes(type)));
      return new EncounterFact(
          id,
          codes,
          valueSetsOf(codes),
          e.hasStatus() ? e.getStatus().toCode() : null,
          e.hasClass_() ? e.getClass_().getCode() : null,
          FhirDates.start(e.getPeriod()),
          FhirDates.end(e.getPeriod()),
          e.hasHospitalization()
              ? firstCode(e.getHospitalization().getDischargeDisposition())
              : null);
    }
    if (resource instanceof MedicationRequest m) {
      List<Code> codes =
          m.hasMedicationCodeableConcept() ? codes(m.getMedicationCodeableConcept()) : List.of();
      return new MedicationFact(
          id,
          codes,
          valueSetsOf(codes),
          m.hasStatus() ? m.getStatus().toCode() : null,
          m.hasIntent() ? m.getIntent().toCode() : null,
          FhirDates.date(m.getAuthoredOnElement()));
    }
    if (resource instanceof Immunization i) {
      List<Code> codes = codes(i.getVaccineCode());
      return new ImmunizationFact(
          id,
          codes,
          valueSetsOf(codes),
          i.hasStatus() ? i.getStatus().toCode() : null,
          i.hasOccurrence() ? FhirDates.date(i.getOccurrence()) : null);
    }
    return null;
  }

  private static PatientFact patient(String id, Patient p) {
    String language = null;
    for (Patient.PatientCommunicationComponent communication : p.getCommunication()) {
      String tag = firstCode(communication.getLanguage());
      if (tag != null && (language == null || communication.getPreferred())) {
        language = tag;
      }
    }
    boolean deceased =
        p.hasDeceasedBooleanType()
            ? p.getDeceasedBooleanType().booleanValue()
            : p.hasDeceasedDateTimeType();
    return new PatientFact(
        id,
        FhirDates.date(p.getBirthDateElement()),
        p.hasGender() ? p.getGender().toCode() : null,
        language,
        deceased);
  }

  private static String unit(Observation o) {
    return o.getValueQuantity().hasCode()
        ? o.getValueQuantity().getCode()
        : o.getValueQuantity().getUnit();
  }

  private Set<String> valueSetsOf(List<Code> codes) {
    if (codes.isEmpty()) {
      return Set.of();
    }
    Set<String> result = new HashSet<>();
    for (Code code : codes) {
      result.addAll(valueSets.valueSetsContaining(code.system(), code.code()));
    }
    return result;
  }

  private static List<Code> codes(CodeableConcept concept) {
    if (concept == null || !concept.hasCoding()) {
      return List.of();
    }
    List<Code> codes = new ArrayList<>(concept.getCoding().size());
    for (Coding coding : concept.getCoding()) {
      if (coding.hasCode()) {
        codes.add(new Code(coding.getSystem(), coding.getCode()));
      }
    }
    return codes;
  }

  private static String firstCode(CodeableConcept concept) {
    if (concept == null) {
      return null;
    }
    for (Coding coding : concept.getCoding()) {
      if (coding.hasCode()) {
        return coding.getCode();
      }
    }
    return null;
  }
}
