package org.cocare.fhir.facts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.DeviceRequestFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.ImmunizationFact;
import org.cocare.rules.model.Interval;
import org.cocare.rules.model.MedicationFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.ProcedureFact;
import org.cocare.rules.model.ServiceRequestFact;
import org.cocare.rules.model.ValueSetIndex;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Turns the resources of one patient's record into facts for the rules. Resource types the rules do
 * not reason over are skipped. Value-set membership is looked up once per coding, here, so rules
 * test {@code inValueSet(url)} in constant time.
 */
public final class FactMapper {
  static final String US_CORE_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
  static final Set<String> DO_NOT_PERFORM =
      Set.of(
          "http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-doNotPerform",
          "http://hl7.org/fhir/5.0/StructureDefinition/extension-DeviceRequest.doNotPerform");
  static final String QICORE_NOT_DONE_REASON =
      "http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-notDoneReason";

  private final ValueSetIndex valueSets;

  public FactMapper(ValueSetIndex valueSets) {
    this.valueSets = valueSets;
  }

  public List<Object> facts(Collection<? extends Resource> record) {
    Context context = new Context(record);
    List<Object> facts = new ArrayList<>(record.size());
    for (Resource resource : record) {
      Object fact = fact(resource, context);
      if (fact != null) {
        facts.add(fact);
      }
    }
    return facts;
  }

  /** The fact for one resource, or null when the rules do not use its type. */
  public Object fact(Resource resource) {
    return fact(resource, new Context(List.of(resource)));
  }

  /**
   * What mapping one resource may need from the rest of the record: the birth date (for onsets
   * given as ages) and the Medications and Devices that orders refer to.
   */
  private static final class Context {
    final LocalDate birthDate;
    final Map<String, Resource> referable = new HashMap<>();
    final Map<String, Resource> referableById = new HashMap<>();

    Context(Collection<? extends Resource> record) {
      LocalDate birth = null;
      for (Resource resource : record) {
        if (resource instanceof Patient patient) {
          birth = FhirDates.date(patient.getBirthDateElement());
        } else if (resource instanceof Medication || resource instanceof Device) {
          String id = PatientCompartment.idPart(resource.getIdElement().getIdPart());
          referable.put(resource.fhirType() + "/" + id, resource);
          referableById.put(id, resource);
        }
      }
      this.birthDate = birth;
    }

    /** The resource a reference names: contained in {@code owner}, or elsewhere in the record. */
    Resource resolve(DomainResource owner, Reference reference) {
      String value = reference.getReference();
      if (value == null) {
        return null;
      }
      if (value.startsWith("#")) {
        for (Resource contained : owner.getContained()) {
          if (value.substring(1).equals(contained.getIdElement().getIdPart())) {
            return contained;
          }
        }
        return null;
      }
      if (value.startsWith("urn:uuid:")) {
        // A transaction's reference to another entry's fullUrl gives no type, and needs none: a
        // uuid names one resource. The entry's id is that uuid (MessageContent takes the fullUrl's
        // when the resource has none).
        return referableById.get(PatientCompartment.idPart(value));
      }
      String[] parts = value.split("/");
      if (parts.length < 2) {
        return null;
      }
      return referable.get(parts[parts.length - 2] + "/" + PatientCompartment.idPart(value));
    }
  }

  private Object fact(Resource resource, Context context) {
    String id = PatientCompartment.idPart(resource.getIdElement().getIdPart());
    if (resource instanceof Patient p) {
      return patient(id, p);
    }
    if (resource instanceof Condition c) {
      List<Code> codes = codes(c.getCode());
      return new ConditionFact(
          id,
          codes,
          valueSetsOf(codes),
          firstCode(c.getClinicalStatus()),
          firstCode(c.getVerificationStatus()),
          c.hasOnset() ? FhirDates.interval(c.getOnset(), context.birthDate).start() : null,
          c.hasAbatement() ? FhirDates.interval(c.getAbatement(), context.birthDate).end() : null,
          FhirDates.date(c.getRecordedDateElement()),
          c.getBodySite().stream().flatMap(site -> codes(site).stream()).toList());
    }
    if (resource instanceof Observation o) {
      return observation(id, o, context);
    }
    if (resource instanceof Procedure p) {
      List<Code> codes = codes(p.getCode());
      Interval performed =
          p.hasPerformed()
              ? FhirDates.interval(p.getPerformed(), context.birthDate)
              : Interval.NONE;
      return new ProcedureFact(
          id,
          codes,
          valueSetsOf(codes),
          p.hasStatus() ? p.getStatus().toCode() : null,
          performed.latest(),
          performed);
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
      List<Code> codes = List.of();
      if (m.hasMedicationCodeableConcept()) {
        codes = codes(m.getMedicationCodeableConcept());
      } else if (m.hasMedicationReference()
          && context.resolve(m, m.getMedicationReference()) instanceof Medication medication) {
        codes = codes(medication.getCode());
      }
      return new MedicationFact(
          id,
          codes,
          valueSetsOf(codes),
          m.hasStatus() ? m.getStatus().toCode() : null,
          m.hasIntent() ? m.getIntent().toCode() : null,
          FhirDates.date(m.getAuthoredOnElement()),
          MedicationPeriods.period(m));
    }
    if (resource instanceof ServiceRequest r) {
      List<Code> codes = codes(r.getCode());
      return new ServiceRequestFact(
          id,
          codes,
          valueSetsOf(codes),
          r.hasStatus() ? r.getStatus().toCode() : null,
          r.hasIntent() ? r.getIntent().toCode() : null,
          FhirDates.date(r.getAuthoredOnElement()));
    }
    if (resource instanceof DeviceRequest r) {
      List<Code> codes = List.of();
      if (r.hasCodeCodeableConcept()) {
        codes = codes(r.getCodeCodeableConcept());
      } else if (r.hasCodeReference()
          && context.resolve(r, r.getCodeReference()) instanceof Device device) {
        codes = codes(device.getType());
      }
      return new DeviceRequestFact(
          id,
          codes,
          valueSetsOf(codes),
          r.hasStatus() ? r.getStatus().toCode() : null,
          r.hasIntent() ? r.getIntent().toCode() : null,
          FhirDates.date(r.getAuthoredOnElement()),
          doNotPerform(r));
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

  private ObservationFact observation(String id, Observation o, Context context) {
    List<Code> codes = codes(o.getCode());
    Interval effective =
        o.hasEffective() ? FhirDates.interval(o.getEffective(), context.birthDate) : Interval.NONE;
    List<Code> categories = new ArrayList<>();
    o.getCategory().forEach(category -> categories.addAll(codes(category)));
    List<Code> valueCodes =
        o.hasValueCodeableConcept() ? codes(o.getValueCodeableConcept()) : List.of();
    List<ObservationFact.Component> components = new ArrayList<>();
    for (Observation.ObservationComponentComponent component : o.getComponent()) {
      boolean quantity = component.hasValueQuantity();
      for (Code code : codes(component.getCode())) {
        components.add(
            new ObservationFact.Component(
                code,
                quantity ? component.getValueQuantity().getValue() : null,
                quantity ? unit(component.getValueQuantity()) : null));
      }
    }
    Extension notDone = o.getExtensionByUrl(QICORE_NOT_DONE_REASON);
    List<Code> notDoneReasons =
        notDone != null && notDone.getValue() instanceof CodeableConcept reason
            ? codes(reason)
            : List.of();
    return new ObservationFact(
        id,
        codes,
        valueSetsOf(codes),
        o.hasStatus() ? o.getStatus().toCode() : null,
        effective.latest() != null ? effective.latest() : FhirDates.date(o.getIssuedElement()),
        o.hasValueQuantity() ? o.getValueQuantity().getValue() : null,
        o.hasValueQuantity() ? unit(o) : null,
        effective,
        categories,
        o.hasValue() && !o.getValue().isEmpty(),
        valueCodes,
        valueSetsOf(valueCodes),
        components,
        o.hasEncounter() ? PatientCompartment.idPart(o.getEncounter().getReference()) : null,
        FhirDates.date(o.getIssuedElement()),
        notDoneReasons,
        valueSetsOf(notDoneReasons),
        o.hasValueDateTimeType() ? FhirDates.date(o.getValueDateTimeType()) : null);
  }

  /**
   * R4 DeviceRequest has no doNotPerform element: QI-Core 4 says it with its own modifier
   * extension, QI-Core 6 data with the R5 cross-version one. Either set to true forbids the device.
   */
  private static boolean doNotPerform(DeviceRequest request) {
    List<Extension> flags = new ArrayList<>(request.getModifierExtension());
    flags.addAll(request.getExtension());
    return flags.stream()
        .anyMatch(
            e ->
                DO_NOT_PERFORM.contains(e.getUrl())
                    && e.getValue() instanceof BooleanType flag
                    && flag.booleanValue());
  }

  /**
   * The patient's preferred language as a BCP-47 tag: the {@code Patient.communication} marked
   * preferred, else the first one given; null when none.
   */
  public static String preferredLanguage(Patient p) {
    String language = null;
    for (Patient.PatientCommunicationComponent communication : p.getCommunication()) {
      String tag = firstCode(communication.getLanguage());
      if (tag != null && (language == null || communication.getPreferred())) {
        language = tag;
      }
    }
    return language;
  }

  /** Whether the record says the patient died: {@code deceasedBoolean} true, or any date. */
  public static boolean isDeceased(Patient p) {
    return p.hasDeceasedBooleanType()
        ? p.getDeceasedBooleanType().booleanValue()
        : p.hasDeceasedDateTimeType();
  }

  private static PatientFact patient(String id, Patient p) {
    String language = preferredLanguage(p);
    boolean deceased = isDeceased(p);
    Extension sex = p.getExtensionByUrl(US_CORE_SEX);
    return new PatientFact(
        id,
        FhirDates.date(p.getBirthDateElement()),
        p.hasGender() ? p.getGender().toCode() : null,
        language,
        deceased,
        sex != null && sex.getValue() != null ? sex.getValue().primitiveValue() : null);
  }

  private static String unit(Observation o) {
    return unit(o.getValueQuantity());
  }

  private static String unit(Quantity quantity) {
    return quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
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
