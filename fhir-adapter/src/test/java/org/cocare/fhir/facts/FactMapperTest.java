package org.cocare.fhir.facts;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ConditionFact;
import org.cocare.rules.model.DeviceRequestFact;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.model.ImmunizationFact;
import org.cocare.rules.model.MedicationFact;
import org.cocare.rules.model.ObservationFact;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.ProcedureFact;
import org.cocare.rules.model.ValueSetIndex;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactMapperTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String LOINC = "http://loinc.org";
  private static final String DIABETES = "urn:oid:2.16.840.1.113883.3.464.1003.103.12.1001";
  private static final String DIABETES_ICD = "https://cocare.org/fhir/ValueSet/diabetes-icd";
  private static final String SYSTOLIC = "urn:oid:2.16.840.1.113883.3.526.3.1032";

  /** Membership by {@code system|code}, as the engine's terminology would answer. */
  private static final Map<String, Set<String>> MEMBERSHIP =
      Map.of(
          SNOMED + "|44054006", Set.of(DIABETES),
          ICD10 + "|E11.9", Set.of(DIABETES, DIABETES_ICD),
          LOINC + "|8480-6", Set.of(SYSTOLIC));

  private final FactMapper mapper =
      new FactMapper(
          (system, code) -> MEMBERSHIP.getOrDefault(system + "|" + code, Set.<String>of()));

  @Test
  void patient_mapsDemographicsAndPreferredLanguageEvenWhenNotFirst() {
    PatientFact patient =
        (PatientFact)
            fact(
                """
                {"resourceType": "Patient", "id": "p1", "gender": "female",
                 "birthDate": "1968-03-14",
                 "communication": [
                   {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "en"}]}},
                   {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "zh-CN"}]},
                    "preferred": true},
                   {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "fr"}]}}]}
                """);

    assertThat(patient)
        .isEqualTo(new PatientFact("p1", LocalDate.of(1968, 3, 14), "female", "zh-CN", false));
  }

  @Test
  void patientWithoutPreferredLanguage_takesTheFirstSpoken() {
    PatientFact patient =
        (PatientFact)
            fact(
                """
                {"resourceType": "Patient", "id": "p1",
                 "communication": [
                   {"language": {"text": "sign language"}},
                   {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "en"}]}},
                   {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "fr"}]}}]}
                """);

    assertThat(patient.language()).isEqualTo("en");
    assertThat(patient.birthDate()).isNull();
    assertThat(patient.gender()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "'\"deceasedBoolean\": true'; true",
        "'\"deceasedBoolean\": false'; false",
        "'\"deceasedDateTime\": \"2026-02-01\"'; true",
        "'\"active\": true'; false"
      })
  void patientDeceased_followsBooleanOrDateTime(String element, boolean deceased) {
    PatientFact patient =
        (PatientFact) fact("{\"resourceType\": \"Patient\", \"id\": \"p1\", " + element + "}");

    assertThat(patient.deceased()).isEqualTo(deceased);
  }

  @ParameterizedTest
  @CsvSource({"1970, 1970-01-01", "1970-05, 1970-05-01", "1970-05-17, 1970-05-17"})
  void partialDate_meansItsFirstDay(String written, LocalDate expected) {
    PatientFact patient =
        (PatientFact)
            fact(
                "{\"resourceType\": \"Patient\", \"id\": \"p1\", \"birthDate\": \"%s\"}"
                    .formatted(written));
    ConditionFact condition =
        (ConditionFact)
            fact(
                """
                {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
                 "onsetDateTime": "%s"}
                """
                    .formatted(written));

    assertThat(patient.birthDate()).isEqualTo(expected);
    assertThat(condition.onset()).isEqualTo(expected);
  }

  @Test
  void condition_mapsStatusesDatesCodesAndValueSets() {
    ConditionFact condition =
        (ConditionFact)
            fact(
                """
                {"resourceType": "Condition", "id": "c1",
                 "clinicalStatus": {"coding": [{
                   "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                   "code": "resolved"}]},
                 "verificationStatus": {"coding": [{
                   "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                   "code": "confirmed"}]},
                 "code": {"coding": [
                   {"system": "http://snomed.info/sct", "code": "44054006"},
                   {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9"},
                   {"system": "http://example.org/local", "display": "no code"}]},
                 "subject": {"reference": "Patient/p1"},
                 "onsetDateTime": "2019-04-02T08:00:00+02:00",
                 "abatementPeriod": {"start": "2025-01-10", "end": "2025-02-20"},
                 "recordedDate": "2019-04-03"}
                """);

    assertThat(condition.id()).isEqualTo("c1");
    assertThat(condition.clinicalStatus()).isEqualTo("resolved");
    assertThat(condition.verificationStatus()).isEqualTo("confirmed");
    assertThat(condition.codes())
        .containsExactly(new Code(SNOMED, "44054006"), new Code(ICD10, "E11.9"));
    assertThat(condition.valueSets()).containsExactlyInAnyOrder(DIABETES, DIABETES_ICD);
    assertThat(condition.onset()).isEqualTo(LocalDate.of(2019, 4, 2));
    assertThat(condition.abatement()).isEqualTo(LocalDate.of(2025, 2, 20));
    assertThat(condition.recorded()).isEqualTo(LocalDate.of(2019, 4, 3));
    assertThat(condition.isActive()).isFalse();
  }

  @Test
  void conditionBodySite_mapsItsCodings() {
    ConditionFact condition =
        (ConditionFact)
            fact(
                """
                {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "248802009"}]},
                 "bodySite": [{"coding": [{"system": "http://snomed.info/sct", "code": "7771000"}]}]}
                """);

    assertThat(condition.bodySites()).containsExactly(new Code(SNOMED, "7771000"));
    assertThat(condition.hasBodySite(SNOMED, "7771000")).isTrue();
    assertThat(condition.hasBodySite(SNOMED, "24028007")).isFalse();
  }

  @Test
  void conditionWithoutStatusesOrDates_leavesThemNull() {
    ConditionFact condition =
        (ConditionFact)
            fact(
                """
                {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
                 "code": {"text": "free text only"}, "onsetString": "childhood"}
                """);

    assertThat(condition.clinicalStatus()).isNull();
    assertThat(condition.verificationStatus()).isNull();
    assertThat(condition.onset()).isNull();
    assertThat(condition.abatement()).isNull();
    assertThat(condition.codes()).isEmpty();
    assertThat(condition.valueSets()).isEmpty();
    assertThat(condition.bodySites()).isEmpty();
  }

  @Test
  void observationEffectiveLateInTheEvening_countsOnItsUtcDay() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                 "subject": {"reference": "Patient/p1"},
                 "effectiveDateTime": "2026-03-01T23:30:00-05:00",
                 "valueQuantity": {"value": 128.50, "unit": "mmHg",
                                   "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}
                """);

    // MEASURES.md 1.1: timestamps are compared on their UTC date; 23:30 at -05:00 is 04:30Z next
    // day.
    assertThat(observation.effective()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(observation.status()).isEqualTo("final");
    assertThat(observation.value()).isEqualByComparingTo(new BigDecimal("128.5"));
    assertThat(observation.unit()).isEqualTo("mm[Hg]");
    assertThat(observation.valueSets()).containsExactly(SYSTOLIC);
  }

  @Test
  void observationWithADateValue_mapsItsUtcDay() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "quit", "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "74010-0"}]},
                 "subject": {"reference": "Patient/p1"},
                 "effectiveDateTime": "2026-03-01",
                 "valueDateTime": "2012-07-31T22:00:00-05:00"}
                """);

    // The quit date is compared on its UTC day like every timestamp: 22:00 at -05:00 is 03:00Z.
    assertThat(observation.valueDate()).isEqualTo(LocalDate.of(2012, 8, 1));
    assertThat(observation.hasValue()).isTrue();
    assertThat(observation.value()).isNull();
  }

  @Test
  void observationWithAQuantity_hasNoDateValue() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "39156-5"}]},
                 "subject": {"reference": "Patient/p1"},
                 "effectiveDateTime": "2026-03-01",
                 "valueQuantity": {"value": 27.1, "unit": "kg/m2"}}
                """);

    assertThat(observation.valueDate()).isNull();
  }

  @Test
  void observationOverAPeriod_isDatedByItsEnd() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "code": {"text": "step count"}, "subject": {"reference": "Patient/p1"},
                 "effectivePeriod": {"start": "2026-02-27", "end": "2026-03-02T01:00:00+09:00"},
                 "valueQuantity": {"value": 9000, "unit": "steps"}}
                """);

    // The end 01:00 at +09:00 is 16:00Z the day before.
    assertThat(observation.effective()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(observation.effectivePeriod().start()).isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(observation.unit()).as("unit text when there is no code").isEqualTo("steps");
  }

  @Test
  void observationOverAnOpenPeriod_isDatedByItsStart() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "o1", "status": "preliminary",
                 "code": {"text": "monitoring"}, "subject": {"reference": "Patient/p1"},
                 "effectivePeriod": {"start": "2026-02-27"}}
                """);

    assertThat(observation.effective()).isEqualTo(LocalDate.of(2026, 2, 27));
  }

  @Test
  void observationWithoutEffective_isDatedWhenIssuedAndCodedValueHasNoQuantity() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "o1", "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "29771-3"}]},
                 "subject": {"reference": "Patient/p1"},
                 "issued": "2026-08-20T10:15:00.000+02:00",
                 "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct",
                                                      "code": "260385009"}]}}
                """);

    assertThat(observation.effective()).isEqualTo(LocalDate.of(2026, 8, 20));
    assertThat(observation.value()).isNull();
    assertThat(observation.unit()).isNull();
  }

  @Test
  void bloodPressurePanel_mapsComponentsAndEncounter() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "bp1", "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
                 "subject": {"reference": "Patient/p1"},
                 "encounter": {"reference": "Encounter/e1"},
                 "effectiveDateTime": "2026-01-02T00:00:00.000+00:00",
                 "component": [
                   {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                    "valueQuantity": {"value": 139, "unit": "mmHg",
                                      "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
                   {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                    "dataAbsentReason": {"coding": [{"code": "unknown"}]}}]}
                """);

    assertThat(observation.encounter()).isEqualTo("e1");
    assertThat(observation.hasComponent(LOINC, "8480-6")).isTrue();
    assertThat(observation.componentValue(LOINC, "8480-6")).isEqualByComparingTo("139");
    assertThat(observation.components().get(0).unit()).isEqualTo("mm[Hg]");
    assertThat(observation.hasComponent(LOINC, "8462-4")).isTrue();
    assertThat(observation.componentValue(LOINC, "8462-4")).isNull();
    assertThat(observation.value()).isNull();
  }

  @Test
  void cancelledObservation_mapsIssuedDayAndNotDoneReason() {
    ObservationFact observation =
        (ObservationFact)
            fact(
                """
                {"resourceType": "Observation", "id": "o2", "status": "cancelled",
                 "extension": [{"url":
                   "http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-notDoneReason",
                   "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct",
                                                        "code": "44054006"}]}}],
                 "code": {"coding": [{"system": "http://loinc.org", "code": "73832-8"}]},
                 "subject": {"reference": "Patient/p1"},
                 "issued": "2026-03-04T23:30:00.000-02:00"}
                """);

    assertThat(observation.issued()).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(observation.notDoneReasonIs(SNOMED, "44054006")).isTrue();
    assertThat(observation.notDoneReasonInValueSet(DIABETES)).isTrue();
    assertThat(observation.encounter()).isNull();
    assertThat(observation.components()).isEmpty();
  }

  @Test
  void procedureOverAPeriod_isPerformedAtItsEnd() {
    ProcedureFact procedure =
        (ProcedureFact)
            fact(
                """
                {"resourceType": "Procedure", "id": "pr1", "status": "completed",
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "73761001"}]},
                 "subject": {"reference": "Patient/p1"},
                 "performedPeriod": {"start": "2021-06-10T09:00:00Z", "end": "2021-06-11T10:00:00Z"}}
                """);

    assertThat(procedure.performed()).isEqualTo(LocalDate.of(2021, 6, 11));
    assertThat(procedure.status()).isEqualTo("completed");
    assertThat(procedure.codes()).containsExactly(new Code(SNOMED, "73761001"));
  }

  @Test
  void procedurePerformedAsText_hasNoDate() {
    ProcedureFact procedure =
        (ProcedureFact)
            fact(
                """
                {"resourceType": "Procedure", "id": "pr1", "status": "completed",
                 "code": {"text": "colonoscopy"}, "subject": {"reference": "Patient/p1"},
                 "performedString": "some years ago"}
                """);

    assertThat(procedure.performed()).isNull();
  }

  @Test
  void encounter_mapsClassTypesPeriodAndDischarge() {
    EncounterFact encounter =
        (EncounterFact)
            fact(
                """
                {"resourceType": "Encounter", "id": "e1", "status": "finished",
                 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                           "code": "IMP"},
                 "type": [
                   {"coding": [{"system": "http://snomed.info/sct", "code": "183452005"}]},
                   {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "99223"},
                               {"system": "http://snomed.info/sct", "code": "32485007"}]}],
                 "subject": {"reference": "Patient/p1"},
                 "period": {"start": "2026-11-20T22:00:00-08:00", "end": "2026-11-24"},
                 "hospitalization": {"dischargeDisposition": {"coding": [{
                   "system": "http://terminology.hl7.org/CodeSystem/discharge-disposition",
                   "code": "home"}]}}}
                """);

    assertThat(encounter.status()).isEqualTo("finished");
    assertThat(encounter.classCode()).isEqualTo("IMP");
    assertThat(encounter.codes())
        .containsExactly(
            new Code(SNOMED, "183452005"),
            new Code("http://www.ama-assn.org/go/cpt", "99223"),
            new Code(SNOMED, "32485007"));
    assertThat(encounter.start())
        .as("22:00 at -08:00 is the next UTC day")
        .isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(encounter.end()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(encounter.dischargeDisposition()).isEqualTo("home");
  }

  @Test
  void encounterWithoutPeriodOrHospitalization_leavesThemNull() {
    EncounterFact encounter =
        (EncounterFact)
            fact(
                """
                {"resourceType": "Encounter", "id": "e1", "status": "in-progress",
                 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                           "code": "AMB"},
                 "subject": {"reference": "Patient/p1"}}
                """);

    assertThat(encounter.start()).isNull();
    assertThat(encounter.end()).isNull();
    assertThat(encounter.dischargeDisposition()).isNull();
    assertThat(encounter.codes()).isEmpty();
  }

  @Test
  void medicationRequest_mapsMedicationStatusIntentAndAuthoredDay() {
    MedicationFact medication =
        (MedicationFact)
            fact(
                """
                {"resourceType": "MedicationRequest", "id": "m1", "status": "active",
                 "intent": "order",
                 "medicationCodeableConcept": {"coding": [
                   {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "860975"}]},
                 "subject": {"reference": "Patient/p1"},
                 "authoredOn": "2026-01-05T23:59:00-10:00"}
                """);

    assertThat(medication.codes())
        .containsExactly(new Code("http://www.nlm.nih.gov/research/umls/rxnorm", "860975"));
    assertThat(medication.status()).isEqualTo("active");
    assertThat(medication.intent()).isEqualTo("order");
    assertThat(medication.authored())
        .as("23:59 at -10:00 is the next UTC day")
        .isEqualTo(LocalDate.of(2026, 1, 6));
  }

  @Test
  void medicationRequest_periodRunsForTheDaysSupplied_timesRefills() {
    MedicationFact medication =
        (MedicationFact)
            fact(
                """
                {"resourceType": "MedicationRequest", "id": "m2", "status": "active", "intent": "order",
                 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1"}]},
                 "subject": {"reference": "Patient/p1"}, "authoredOn": "2026-12-30",
                 "dispenseRequest": {"numberOfRepeatsAllowed": 1,
                   "expectedSupplyDuration": {"value": 90, "unit": "days", "system": "http://unitsofmeasure.org", "code": "d"}}}
                """);

    assertThat(medication.period().start()).isEqualTo(LocalDate.of(2026, 12, 30));
    assertThat(medication.period().end()).isEqualTo(LocalDate.of(2026, 12, 30).plusDays(179));
  }

  @Test
  void medicationRequestByReference_hasNoCodes() {
    MedicationFact medication =
        (MedicationFact)
            fact(
                """
                {"resourceType": "MedicationRequest", "id": "m1", "status": "active",
                 "intent": "order", "medicationReference": {"reference": "Medication/med1"},
                 "subject": {"reference": "Patient/p1"}}
                """);

    assertThat(medication.codes()).isEmpty();
    assertThat(medication.valueSets()).isEmpty();
    assertThat(medication.authored()).isNull();
  }

  /**
   * A transaction Bundle (Synthea writes them so) refers to its Medication by the entry's fullUrl,
   * {@code urn:uuid:x}, which names no resource type.
   */
  @Test
  void medicationRequestByUrnUuidInATransaction_takesTheMedicationsCodes() {
    Resource bundle =
        parse(
            """
            {"resourceType": "Bundle", "type": "transaction", "entry": [
              {"fullUrl": "urn:uuid:6f1c0a52-0000-4000-8000-000000000001",
               "resource": {"resourceType": "Patient", "id": "6f1c0a52-0000-4000-8000-000000000001"},
               "request": {"method": "POST", "url": "Patient"}},
              {"fullUrl": "urn:uuid:6f1c0a52-0000-4000-8000-000000000002",
               "resource": {"resourceType": "Medication", "id": "6f1c0a52-0000-4000-8000-000000000002",
                 "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                      "code": "1719286"}]}},
               "request": {"method": "POST", "url": "Medication"}},
              {"fullUrl": "urn:uuid:6f1c0a52-0000-4000-8000-000000000003",
               "resource": {"resourceType": "MedicationRequest", "id": "6f1c0a52-0000-4000-8000-000000000003",
                 "status": "active", "intent": "order",
                 "medicationReference": {"reference": "urn:uuid:6f1c0a52-0000-4000-8000-000000000002"},
                 "subject": {"reference": "urn:uuid:6f1c0a52-0000-4000-8000-000000000001"}},
               "request": {"method": "POST", "url": "MedicationRequest"}}]}
            """);
    List<Resource> record =
        new MessageContent(FHIR).changes(bundle).stream().map(ResourceChange::resource).toList();

    assertThat(mapper.facts(record))
        .filteredOn(MedicationFact.class::isInstance)
        .singleElement()
        .satisfies(
            f ->
                assertThat(((MedicationFact) f).codes())
                    .containsExactly(
                        new Code("http://www.nlm.nih.gov/research/umls/rxnorm", "1719286")));
  }

  @ParameterizedTest
  @CsvSource({
    "modifierExtension, http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-doNotPerform, true, true",
    "modifierExtension, http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-doNotPerform, false, false",
    "modifierExtension, http://hl7.org/fhir/5.0/StructureDefinition/extension-DeviceRequest.doNotPerform, true, true",
    "extension, http://hl7.org/fhir/5.0/StructureDefinition/extension-DeviceRequest.doNotPerform, true, true",
    "modifierExtension, http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-doNotPeform, true, false"
  })
  void deviceRequest_isDoNotPerformOnlyWhenItsFlagIsTrue(
      String element, String url, boolean value, boolean doNotPerform) {
    DeviceRequestFact request =
        (DeviceRequestFact)
            fact(
                """
                {"resourceType": "DeviceRequest", "id": "d1", "status": "completed", "intent": "order",
                 "%s": [{"url": "%s", "valueBoolean": %s}],
                 "codeCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "183240000"}]},
                 "subject": {"reference": "Patient/p1"}, "authoredOn": "2025-11-01T23:59:00Z"}
                """
                    .formatted(element, url, value));

    assertThat(request.codes()).containsExactly(new Code(SNOMED, "183240000"));
    assertThat(request.intent()).isEqualTo("order");
    assertThat(request.authored()).isEqualTo(LocalDate.of(2025, 11, 1));
    assertThat(request.doNotPerform()).isEqualTo(doNotPerform);
  }

  @Test
  void immunization_mapsVaccineStatusAndDay() {
    ImmunizationFact immunization =
        (ImmunizationFact)
            fact(
                """
                {"resourceType": "Immunization", "id": "i1", "status": "completed",
                 "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx",
                                             "code": "140"}]},
                 "patient": {"reference": "Patient/p1"},
                 "occurrenceDateTime": "2025-10-01"}
                """);

    assertThat(immunization.codes())
        .containsExactly(new Code("http://hl7.org/fhir/sid/cvx", "140"));
    assertThat(immunization.status()).isEqualTo("completed");
    assertThat(immunization.occurrence()).isEqualTo(LocalDate.of(2025, 10, 1));
    assertThat(immunization.isCompleted()).isTrue();
  }

  @Test
  void immunizationOccurringAsText_hasNoDate() {
    ImmunizationFact immunization =
        (ImmunizationFact)
            fact(
                """
                {"resourceType": "Immunization", "id": "i1", "status": "completed",
                 "vaccineCode": {"text": "flu"}, "patient": {"reference": "Patient/p1"},
                 "occurrenceString": "last autumn"}
                """);

    assertThat(immunization.occurrence()).isNull();
  }

  @Test
  void factId_isTheLogicalIdWithoutTypeOrVersion() {
    Resource condition =
        parse(
            """
            {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"}}
            """);
    condition.setId("http://h/fhir/Condition/c1/_history/4");

    assertThat(((ConditionFact) mapper.fact(condition)).reference()).isEqualTo("Condition/c1");
  }

  @Test
  void codesInNoValueSet_haveNone() {
    FactMapper withoutValueSets = new FactMapper(ValueSetIndex.EMPTY);

    ConditionFact condition =
        (ConditionFact)
            withoutValueSets.fact(
                parse(
                    """
                    {"resourceType": "Condition", "id": "c1",
                     "code": {"coding": [{"system": "http://snomed.info/sct", "code": "44054006"}]},
                     "subject": {"reference": "Patient/p1"}}
                    """));

    assertThat(condition.codes()).hasSize(1);
    assertThat(condition.valueSets()).isEmpty();
  }

  @Test
  void questionnaireResponse_isNoFactForTheRules() {
    Resource response =
        parse(
            """
            {"resourceType": "QuestionnaireResponse", "id": "qr1", "status": "completed",
             "questionnaire": "https://cocare.org/fhir/Questionnaire/participation",
             "subject": {"reference": "Patient/p1"},
             "item": [{"linkId": "value-worth", "answer": [{"valueInteger": 6}]}]}
            """);
    Resource patient = parse("{\"resourceType\": \"Patient\", \"id\": \"p1\"}");

    assertThat(mapper.fact(response)).isNull();
    assertThat(mapper.facts(List.of(patient, response))).hasSize(1);
  }

  @Test
  void unsupportedResource_hasNoFactAndIsSkipped() {
    Resource allergy =
        parse(
            """
            {"resourceType": "AllergyIntolerance", "id": "a1",
             "patient": {"reference": "Patient/p1"}}
            """);
    Resource patient = parse("{\"resourceType\": \"Patient\", \"id\": \"p1\"}");
    Resource immunization =
        parse(
            """
            {"resourceType": "Immunization", "id": "i1", "status": "completed",
             "vaccineCode": {"text": "flu"}, "patient": {"reference": "Patient/p1"},
             "occurrenceDateTime": "2025-10-01"}
            """);

    assertThat(mapper.fact(allergy)).isNull();
    List<Object> facts = mapper.facts(List.of(patient, allergy, immunization));
    assertThat(facts)
        .hasSize(2)
        .satisfiesExactly(
            f -> assertThat(f).isInstanceOf(PatientFact.class),
            f -> assertThat(f).isInstanceOf(ImmunizationFact.class));
  }

  private Object fact(String json) {
    return mapper.fact(parse(json));
  }

  private static Resource parse(String json) {
    return (Resource) FHIR.newJsonParser().parseResource(json);
  }
}
