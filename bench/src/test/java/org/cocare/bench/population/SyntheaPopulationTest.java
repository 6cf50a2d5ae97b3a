package org.cocare.bench.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheaPopulationTest {
  @TempDir Path folder;

  @Test
  void folderWithoutMarker_isIncompleteAndRefused() throws IOException {
    Files.createDirectories(folder.resolve("fhir"));
    Files.writeString(folder.resolve("fhir/a.json"), bundle("a", "1980-01-01", 1));

    assertThatThrownBy(() -> SyntheaPopulation.open(folder))
        .hasMessageContaining("not a complete Synthea population");
  }

  @Test
  void bundles_areSortedByNameAndTheRepresentativeIsTheMedianSized() throws IOException {
    write("c.json", bundle("c", "1990-06-01", 30));
    write("a.json", bundle("a", "1950-01-01", 1));
    write("b.json", bundle("b", "1970-01-01", 10));
    write("notes.txt", "not a bundle");
    complete();

    SyntheaPopulation population = SyntheaPopulation.open(folder);

    assertThat(population.bundles())
        .extracting(f -> f.getFileName().toString())
        .containsExactly("a.json", "b.json", "c.json");
    assertThat(population.representative().getFileName()).hasToString("b.json");
    assertThat(population.referenceDate()).isEqualTo(LocalDate.of(2026, 11, 29));
    assertThat(population.patients()).isEqualTo(3);
  }

  @Test
  void stats_countEntriesPerPatientAndAgesOnTheReferenceDate() throws IOException {
    write("a.json", bundle("a", "1950-11-30", 1));
    write("b.json", bundle("b", "2008-11-29", 10));
    write("c.json", bundle("c", "1970-01-01", 30));
    complete();

    PopulationStats stats = SyntheaPopulation.open(folder).stats();

    assertThat(stats.files()).isEqualTo(3);
    assertThat(stats.patients()).isEqualTo(3);
    assertThat(stats.resourcesMedian()).as("Patient plus 10 Observations").isEqualTo(11);
    assertThat(stats.resourcesMax()).isEqualTo(31);
    assertThat(stats.youngest()).as("18 on the reference date").isEqualTo(18);
    assertThat(stats.oldest()).as("76 tomorrow").isEqualTo(75);
    assertThat(stats.female()).isEqualTo(3);
  }

  @Test
  void percentile_isTheNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);

    assertThat(PopulationStats.percentile(values, 50)).isEqualTo(5.0);
    assertThat(PopulationStats.percentile(values, 90)).isEqualTo(9.0);
    assertThat(PopulationStats.percentile(values, 100)).isEqualTo(10.0);
    assertThat(PopulationStats.percentile(List.of(7.0), 90)).isEqualTo(7.0);
  }

  private void write(String name, String content) throws IOException {
    Files.createDirectories(folder.resolve("fhir"));
    Files.writeString(folder.resolve("fhir").resolve(name), content);
  }

  private void complete() throws IOException {
    Files.writeString(
        folder.resolve(SyntheaPopulation.COMPLETE),
        "patients=3\nseed=42\nreference_date=20261129\ngeneration_seconds=12.5\n");
  }

  /** A transaction Bundle as Synthea writes it: the Patient first, then its record. */
  private static String bundle(String id, String birthDate, int observations) {
    StringBuilder json =
        new StringBuilder(
            """
            {"resourceType": "Bundle", "type": "transaction", "entry": [
              {"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Patient", "id": "%s",
                "extension": [{"url": "x", "valueString": "resourceType"}],
                "gender": "female", "birthDate": "%s"},
               "request": {"method": "POST", "url": "Patient"}}"""
                .formatted(id, id, birthDate));
    for (int i = 0; i < observations; i++) {
      json.append(
          """
          ,
            {"fullUrl": "urn:uuid:%s-o%d", "resource": {"resourceType": "Observation",
              "subject": {"reference": "urn:uuid:%s"}, "code": {"coding": [{"code": "x"}]}},
             "request": {"method": "POST", "url": "Observation"}}"""
              .formatted(id, i, id));
    }
    return json.append("]}").toString();
  }
}
