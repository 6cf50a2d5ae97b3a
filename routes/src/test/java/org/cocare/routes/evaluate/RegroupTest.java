package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.intake.FhirReader;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegroupTest {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final FhirReader READER = new FhirReader(FHIR);

  @TempDir Path temp;
  final Map<String, String> out = new LinkedHashMap<>();
  final PatientStream.Sink sink =
      new PatientStream.Sink() {
        @Override
        public void patient(String patientId, List<Resource> record) {
          out.put(
              patientId,
              String.join(",", record.stream().map(r -> r.getIdElement().getValue()).toList()));
        }

        @Override
        public void reappeared(String patientId) {
          throw new AssertionError("no patient reappears after regrouping: " + patientId);
        }
      };

  @Test
  void scatteredResources_makeOneRecordPerPatient_theLaterCopyWinningInTheFirstPlace()
      throws IOException {
    try (Regroup regroup = regroup(4)) {
      accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"a\"}");
      accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"b\"}");
      accept(regroup, condition("c1", "a", "active"));
      accept(regroup, condition("c2", "b", "active"));
      accept(regroup, condition("c1", "a", "resolved"));
      regroup.evaluate(sink, done -> {});
    }

    assertThat(out)
        .containsOnly(
            Map.entry("a", "Patient/a,Condition/c1"), Map.entry("b", "Patient/b,Condition/c2"));
  }

  @Test
  void aResourceSeenTwice_keepsTheLaterCopy() throws IOException {
    List<Resource> records = new ArrayList<>();
    try (Regroup regroup = regroup(4)) {
      accept(regroup, condition("c1", "a", "active"));
      accept(regroup, condition("c1", "a", "resolved"));
      regroup.evaluate(
          new PatientStream.Sink() {
            @Override
            public void patient(String patientId, List<Resource> record) {
              records.addAll(record);
            }

            @Override
            public void reappeared(String patientId) {}
          },
          done -> {});
    }

    assertThat(records).hasSize(1);
    assertThat(((org.hl7.fhir.r4.model.Condition) records.get(0)).getClinicalStatus().getText())
        .isEqualTo("resolved");
  }

  @Test
  void medicationOnItsOwn_joinsOnlyThePatientsWhoseOrdersReferToIt() throws IOException {
    try (Regroup regroup = regroup(4)) {
      accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"a\"}");
      accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"b\"}");
      accept(regroup, order("o1", "a", "Medication/m1"));
      accept(regroup, order("o2", "b", "urn:uuid:m2"));
      accept(regroup, "{\"resourceType\":\"Medication\",\"id\":\"m1\"}");
      accept(regroup, "{\"resourceType\":\"Medication\",\"id\":\"m2\"}");
      accept(regroup, "{\"resourceType\":\"Medication\",\"id\":\"m3\"}");
      accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"c\"}");
      accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"d\"}");
      accept(regroup, order("o4", "d", "Medication/m3/_history/2"));
      regroup.evaluate(sink, done -> {});
    }

    assertThat(out)
        .containsOnly(
            Map.entry("a", "Patient/a,MedicationRequest/o1,Medication/m1"),
            Map.entry("b", "Patient/b,MedicationRequest/o2,Medication/m2"),
            Map.entry("c", "Patient/c"),
            Map.entry("d", "Patient/d,MedicationRequest/o4,Medication/m3"));
  }

  @Test
  void aBundleOfSeveralPatients_isSplitBetweenThem_withItsMedications() throws IOException {
    String bundle =
        "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"a\"}},"
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"b\"}},"
            + "{\"resource\":{\"resourceType\":\"Medication\",\"id\":\"m1\"}}]}";
    try (Regroup regroup = regroup(4)) {
      accept(regroup, bundle);
      accept(regroup, condition("c1", "b", "active"));
      regroup.evaluate(sink, done -> {});
    }

    assertThat(out)
        .containsOnly(
            Map.entry("a", "Patient/a,Medication/m1"),
            Map.entry("b", "Patient/b,Condition/c1,Medication/m1"));
  }

  @Test
  void temporaryFiles_areOwnerOnly_andDeletedEvenWhenEvaluationFails() throws IOException {
    Regroup regroup = regroup(4);
    Path folder = regroup.folder();
    assertThat(folder.getParent()).isEqualTo(temp);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    try (Stream<Path> buckets = Files.list(folder)) {
      assertThat(buckets.toList())
          .hasSize(4)
          .allSatisfy(
              b ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b)))
                      .isEqualTo("rw-------"));
    }
    accept(regroup, "{\"resourceType\":\"Patient\",\"id\":\"a\"}");

    assertThatThrownBy(
            () -> {
              try (regroup) {
                regroup.evaluate(
                    new PatientStream.Sink() {
                      @Override
                      public void patient(String patientId, List<Resource> record) {
                        throw new IllegalStateException("evaluation failed");
                      }

                      @Override
                      public void reappeared(String patientId) {}
                    },
                    done -> {});
              }
            })
        .hasMessage("evaluation failed");
    assertThat(folder).doesNotExist();
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void bulkExportNames_areResourceTypes_withAnOptionalNumber() {
    assertThat(bulk("Patient.ndjson", "Observation.1.ndjson", "Observation.2.ndjson")).isTrue();
    assertThat(bulk("1.Condition.ndjson", "MedicationRequest-3.ndjson")).isTrue();
    assertThat(bulk("Patient.ndjson", "people.ndjson")).isFalse();
    assertThat(bulk("Patient.ndjson", "Unicorn.ndjson")).isFalse();
    assertThat(bulk("Patient.ndjson", "manifest.json", "README.md"))
        .as("files that are not NDJSON do not decide")
        .isTrue();
    assertThat(bulk("manifest.json")).isFalse();
    assertThat(bulk("patient.ndjson")).isFalse();
    assertThat(bulk()).isFalse();
  }

  @Test
  void buckets_growWithTheInputFromSixtyFour() {
    assertThat(Regroup.buckets(0)).isEqualTo(64);
    assertThat(Regroup.buckets(10L << 30)).isEqualTo(64);
    assertThat(Regroup.buckets(64L << 30)).isEqualTo(256);
    assertThat(Regroup.buckets(1L << 50)).isEqualTo(512);
  }

  private static boolean bulk(String... names) {
    return Regroup.isBulkExport(Stream.of(names).map(n -> Path.of("export", n)).toList(), FHIR);
  }

  private Regroup regroup(int buckets) throws IOException {
    return new Regroup(new MessageContent(FHIR), READER, temp, buckets);
  }

  private static void accept(Regroup regroup, String line) {
    regroup.accept(READER.parse(line, "application/fhir+json"), line);
  }

  private static String condition(String id, String patient, String status) {
    return "{\"resourceType\":\"Condition\",\"id\":\""
        + id
        + "\",\"clinicalStatus\":{\"text\":\""
        + status
        + "\"},\"subject\":{\"reference\":\"Patient/"
        + patient
        + "\"}}";
  }

  private static String order(String id, String patient, String medication) {
    return "{\"resourceType\":\"MedicationRequest\",\"id\":\""
        + id
        + "\",\"status\":\"active\",\"intent\":\"order\",\"medicationReference\":{\"reference\":\""
        + medication
        + "\"},\"subject\":{\"reference\":\"Patient/"
        + patient
        + "\"}}";
  }
}
