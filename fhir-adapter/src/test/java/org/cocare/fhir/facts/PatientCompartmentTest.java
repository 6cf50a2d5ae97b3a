package org.cocare.fhir.facts;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientCompartmentTest {
  private final PatientCompartment compartment = new PatientCompartment(FhirContext.forR4Cached());

  @ParameterizedTest
  @CsvSource({
    "urn:uuid:5f0b2620-60b1-423d, 5f0b2620-60b1-423d",
    "urn:oid:1.2.840.1, 1.2.840.1",
    "Patient/x, x",
    "x, x",
    "http://h/fhir/Patient/x, x",
    "http://h/fhir/Patient/x/_history/3, x",
    "Patient/x/_history/3, x"
  })
  void idPart_namesTheLogicalId(String value, String expected) {
    assertThat(PatientCompartment.idPart(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void idPart_ofNothing_isNull(String value) {
    assertThat(PatientCompartment.idPart(value)).isNull();
  }

  @Test
  void contentId_isStableForTheSameContentAndDiffersOtherwise() {
    String id = PatientCompartment.contentId("{\"resourceType\":\"Condition\"}");

    assertThat(PatientCompartment.contentId("{\"resourceType\":\"Condition\"}")).isEqualTo(id);
    assertThat(PatientCompartment.contentId("{\"resourceType\":\"Procedure\"}")).isNotEqualTo(id);
  }

  @Test
  void patient_belongsToItself() {
    Patient patient = new Patient();
    patient.setId("http://h/fhir/Patient/p1/_history/2");

    assertThat(compartment.patientIdOf(patient)).isEqualTo("p1");
  }

  @Test
  void patientWithoutId_belongsToNoKnownRecord() {
    assertThat(compartment.patientIdOf(new Patient())).isNull();
  }

  @Test
  void questionnaireResponse_belongsToItsSubject_notToItsAuthor() {
    QuestionnaireResponse response =
        new QuestionnaireResponse()
            .setSubject(new Reference("Patient/x"))
            .setAuthor(new Reference("RelatedPerson/mother-of-x"))
            .setSource(new Reference("Patient/x"));

    assertThat(compartment.patientIdOf(response)).isEqualTo("x");
  }

  @Test
  void condition_belongsToItsSubject() {
    Condition condition = new Condition().setSubject(new Reference("Patient/p1"));

    assertThat(compartment.patientIdOf(condition)).isEqualTo("p1");
  }

  @Test
  void condition_withUrnUuidSubject_belongsToThatUuid() {
    Condition condition = new Condition().setSubject(new Reference("urn:uuid:61ebe359-bfdc"));

    assertThat(compartment.patientIdOf(condition)).isEqualTo("61ebe359-bfdc");
  }

  @Test
  void condition_withAbsoluteVersionedSubject_belongsToThatPatient() {
    Condition condition =
        new Condition().setSubject(new Reference("http://h/fhir/Patient/p1/_history/3"));

    assertThat(compartment.patientIdOf(condition)).isEqualTo("p1");
  }

  @Test
  void immunization_belongsToItsPatient() {
    Immunization immunization = new Immunization().setPatient(new Reference("Patient/p1"));

    assertThat(compartment.patientIdOf(immunization)).isEqualTo("p1");
  }

  @Test
  void allergy_belongsToItsPatient() {
    AllergyIntolerance allergy = new AllergyIntolerance().setPatient(new Reference("Patient/p1"));

    assertThat(compartment.patientIdOf(allergy)).isEqualTo("p1");
  }

  @Test
  void coverage_belongsToItsBeneficiary() {
    Coverage coverage =
        new Coverage()
            .setBeneficiary(new Reference("Patient/p1"))
            .addPayor(new Reference("Organization/payer"));

    assertThat(compartment.patientIdOf(coverage)).isEqualTo("p1");
  }

  @Test
  void childsCoverage_belongsToTheChildNotTheSubscribingParent() {
    Coverage coverage =
        new Coverage()
            .setPolicyHolder(new Reference("Patient/parent"))
            .setSubscriber(new Reference("Patient/parent"))
            .setBeneficiary(new Reference("Patient/child"))
            .addPayor(new Reference("Organization/payer"));

    assertThat(compartment.patientIdOf(coverage)).isEqualTo("child");
  }

  // In a transaction every reference is an urn:uuid that names no type: the practitioner in a
  // secondary role (performer, asserter, recorder) must not be taken for the patient.

  @Test
  void observation_withUrnUuidPerformer_belongsToItsSubject() {
    Observation observation = new Observation();
    observation.addPerformer(new Reference("urn:uuid:practitioner-1"));
    observation.setSubject(new Reference("urn:uuid:patient-1"));

    assertThat(compartment.patientIdOf(observation)).isEqualTo("patient-1");
  }

  @Test
  void condition_withUrnUuidAsserter_belongsToItsSubject() {
    Condition condition =
        new Condition()
            .setAsserter(new Reference("urn:uuid:practitioner-1"))
            .setSubject(new Reference("urn:uuid:patient-1"));

    assertThat(compartment.patientIdOf(condition)).isEqualTo("patient-1");
  }

  @Test
  void allergy_withUrnUuidRecorderAndAsserter_belongsToItsPatient() {
    AllergyIntolerance allergy =
        new AllergyIntolerance()
            .setRecorder(new Reference("urn:uuid:practitioner-1"))
            .setAsserter(new Reference("urn:uuid:practitioner-2"))
            .setPatient(new Reference("urn:uuid:patient-1"));

    assertThat(compartment.patientIdOf(allergy)).isEqualTo("patient-1");
  }

  @Test
  void childsCondition_assertedByMother_belongsToTheChild() {
    Condition condition =
        new Condition()
            .setAsserter(new Reference("Patient/mother"))
            .setSubject(new Reference("Patient/child"));

    assertThat(compartment.patientIdOf(condition)).isEqualTo("child");
  }

  @Test
  void procedure_withUrnUuidPerformer_belongsToItsSubject() {
    Procedure procedure = new Procedure().setSubject(new Reference("urn:uuid:patient-1"));
    procedure.addPerformer().setActor(new Reference("urn:uuid:practitioner-1"));

    assertThat(compartment.patientIdOf(procedure)).isEqualTo("patient-1");
  }

  @Test
  void observationOfAGroup_belongsToNoPatient() {
    Observation observation = new Observation().setSubject(new Reference("Group/g1"));

    assertThat(compartment.patientIdOf(observation)).isNull();
  }

  @Test
  void organization_belongsToNoPatient() {
    assertThat(compartment.patientIdOf(new Organization().setName("Clinic"))).isNull();
  }
}
