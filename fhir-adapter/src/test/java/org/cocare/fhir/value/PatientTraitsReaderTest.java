package org.cocare.fhir.value;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.cocare.fhir.intake.FhirReader;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatientTraitsReaderTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);

  /**
   * Wang Fang's record: education recorded in 2019 (coded), 2024 (text only), 2025 (entered in
   * error) and 2027; visits in 2025 (endocrinology, diabetes), November 2026 (cardiology,
   * hypertension; the hour given in +08:00), later ones entered in error or cancelled, and one
   * planned for December 2026.
   */
  private static final List<Resource> RECORD = record("traits-record.json");

  @Test
  void record_givesAgeGenderNewestEducationAndNewestVisitsReasonAndService() {
    PatientTraits traits = PatientTraitsReader.read("wang-fang", RECORD, AS_OF);

    assertThat(traits)
        .isEqualTo(
            new PatientTraits(
                "wang-fang",
                58,
                "female",
                "Bachelor's degree",
                "38341003",
                "Cardiology outpatients"));
  }

  @Test
  void theRecord_isValidR4_asIngestWouldTakeIt() throws IOException {
    try (InputStream in = PatientTraitsReaderTest.class.getResourceAsStream("traits-record.json")) {
      assertThat(new FhirReader(FHIR).read(in.readAllBytes(), "application/fhir+json"))
          .isInstanceOf(Bundle.class);
    }
  }

  @Test
  void storedJson_readsTheSameAsParsedResources() {
    List<String> json =
        RECORD.stream().map(r -> FHIR.newJsonParser().encodeResourceToString(r)).toList();

    assertThat(new PatientTraitsReader(FHIR).readJson("wang-fang", json, AS_OF))
        .isEqualTo(PatientTraitsReader.read("wang-fang", RECORD, AS_OF));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        // What was dated after the as-of day is not known yet.
        "2019-01-01, 50, null, null, null",
        "2024-01-01, 55, secondary, null, null",
        "2025-03-01, 56, Bachelor's degree, 44054006, 394583002",
        // 01:30 on 2 November in +08:00 is 1 November in UTC.
        "2026-10-31, 58, Bachelor's degree, 44054006, 394583002",
        "2026-11-01, 58, Bachelor's degree, 38341003, Cardiology outpatients",
        // A planned visit says why the patient comes; a cancelled one does not count.
        "2027-02-01, 58, master, Kidney function, Nephrology"
      })
  void traits_areThoseTheRecordStatedOnTheAsOfDate(
      LocalDate asOf, Integer age, String education, String reason, String department) {
    PatientTraits traits = PatientTraitsReader.read("wang-fang", RECORD, asOf);

    assertThat(traits.age()).isEqualTo(age);
    assertThat(traits.education()).isEqualTo(education);
    assertThat(traits.visitReason()).isEqualTo(reason);
    assertThat(traits.department()).isEqualTo(department);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "1968-11-29, 58", // the birthday on the as-of date counts
        "1968-11-30, 57",
        "1968-12, 57", // a partial date counts from its first day
        "1968, 58",
        "2026-11-29, 0",
        "2026-11-30, null", // born after the as-of date: no age yet
      })
  void age_isWholeYearsOnTheAsOfDate(String birthDate, Integer age) {
    Patient patient =
        parse("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"" + birthDate + "\"}");

    assertThat(PatientTraitsReader.read("p1", List.of(patient), AS_OF).age()).isEqualTo(age);
  }

  @Test
  void recordThatSaysNothing_givesUnknownTraits() {
    Patient bare = parse("{\"resourceType\":\"Patient\",\"id\":\"p1\"}");

    assertThat(PatientTraitsReader.read("p1", List.of(bare), AS_OF))
        .isEqualTo(PatientTraits.unknown("p1"));
    assertThat(PatientTraitsReader.read("p1", List.of(), AS_OF))
        .isEqualTo(PatientTraits.unknown("p1"));
  }

  @Test
  void newestVisitWithoutReasonOrService_leavesThemUnknown_ratherThanTakingAnOlderVisits() {
    List<Resource> record = new java.util.ArrayList<>(RECORD);
    record.add(
        parse(
            """
            {"resourceType": "Encounter", "id": "visit-bare", "status": "finished",
             "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
             "subject": {"reference": "Patient/wang-fang"},
             "period": {"start": "2026-11-28"}}
            """));

    PatientTraits traits = PatientTraitsReader.read("wang-fang", record, AS_OF);

    assertThat(traits.visitReason()).isNull();
    assertThat(traits.department()).isNull();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Resource> T parse(String json) {
    return (T) FHIR.newJsonParser().parseResource(json);
  }

  private static List<Resource> record(String name) {
    try (InputStream in = PatientTraitsReaderTest.class.getResourceAsStream(name)) {
      Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, in);
      return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
