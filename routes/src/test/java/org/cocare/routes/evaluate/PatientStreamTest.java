package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.cocare.fhir.facts.MessageContent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PatientStreamTest {
  static final FhirContext FHIR = FhirContext.forR4Cached();

  final List<String> out = new ArrayList<>();
  final List<String> reappeared = new ArrayList<>();
  final PatientStream stream =
      new PatientStream(
          new MessageContent(FHIR),
          new PatientStream.Sink() {
            @Override
            public void patient(String patientId, List<Resource> record) {
              out.add(
                  patientId
                      + "="
                      + String.join(
                          ",", record.stream().map(r -> r.getIdElement().getValue()).toList()));
            }

            @Override
            public void reappeared(String patientId) {
              reappeared.add(patientId);
            }
          });

  @Test
  void consecutiveResources_makeOnePatient_evaluatedWhenTheNextBegins() {
    stream.accept(patient("a"));
    stream.accept(condition("c1", "a"));
    assertThat(out).isEmpty();

    stream.accept(patient("b"));
    assertThat(out).containsExactly("a=Patient/a,Condition/c1");

    stream.finish();
    assertThat(out).containsExactly("a=Patient/a,Condition/c1", "b=Patient/b");
    assertThat(reappeared).isEmpty();
  }

  @Test
  void aResourceSeenTwice_countsOnce_inItsFirstPlace() {
    stream.accept(patient("a"));
    stream.accept(condition("c1", "a"));
    stream.accept(patient("a"));
    stream.finish();

    assertThat(out).containsExactly("a=Patient/a,Condition/c1");
  }

  @Test
  void aPatientAfterAnother_isReported_andItsLateResourcesAreNotEvaluated() {
    stream.accept(patient("a"));
    stream.accept(patient("b"));
    stream.accept(condition("c1", "a"));
    stream.accept(condition("c2", "a"));
    stream.accept(patient("c"));
    stream.finish();

    assertThat(out).containsExactly("a=Patient/a", "b=Patient/b", "c=Patient/c");
    assertThat(reappeared).containsExactly("a");
  }

  @Test
  void aBundle_isGroupedByPatient_andItsMedicationsJoinEachOfThem() {
    stream.accept(bundle(patient("a"), medication("m1"), patient("b"), condition("c1", "a")));
    stream.finish();

    assertThat(out)
        .containsExactly("a=Patient/a,Condition/c1,Medication/m1", "b=Patient/b,Medication/m1");
    assertThat(reappeared).isEmpty();
  }

  @Test
  void aMedicationOnItsOwn_joinsThePatientBeingRead_orTheNextAfterABoundary() {
    stream.boundary();
    stream.accept(medication("m0"));
    stream.accept(patient("a"));
    stream.accept(medication("m1"));
    stream.boundary();
    stream.accept(medication("m2"));
    stream.accept(patient("b"));
    stream.finish();

    assertThat(out)
        .containsExactly("a=Patient/a,Medication/m0,Medication/m1", "b=Patient/b,Medication/m2");
  }

  @Test
  void aPatientSpanningABoundary_staysOnePatient() {
    stream.accept(condition("c1", "a"));
    stream.boundary();
    stream.accept(patient("a"));
    stream.finish();

    assertThat(out).containsExactly("a=Condition/c1,Patient/a");
  }

  @Test
  void idHashSet_remembersManyIds() {
    IdHashSet ids = new IdHashSet();
    for (int i = 0; i < 100_000; i++) {
      assertThat(ids.add("patient-" + i)).isTrue();
    }
    assertThat(ids.add("patient-4711")).isFalse();
    assertThat(ids.size()).isEqualTo(100_000);
  }

  private static Patient patient(String id) {
    Patient patient = new Patient();
    patient.setId(id);
    return patient;
  }

  private static Condition condition(String id, String patient) {
    Condition condition = new Condition();
    condition.setId(id);
    condition.setSubject(new Reference("Patient/" + patient));
    return condition;
  }

  private static Medication medication(String id) {
    Medication medication = new Medication();
    medication.setId(id);
    return medication;
  }

  private static Bundle bundle(Resource... resources) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    for (Resource resource : resources) {
      bundle.addEntry().setResource(resource);
    }
    return bundle;
  }
}
