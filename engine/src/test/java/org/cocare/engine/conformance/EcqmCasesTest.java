package org.cocare.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a cases directory laid out as the stewards ship it (files made up here). */
class EcqmCasesTest {
  static final String HEADER = "measure,patient_id,mp_start,mp_end,IP,care_gap,title,description\n";

  @TempDir Path cases;

  @Test
  void caseFolder_givesTheSingleResources_notTheBundleNorTheMeasureReport() throws IOException {
    Path folder = Files.createDirectories(cases.resolve("CMS130/p1"));
    for (String file :
        new String[] {
          "Patient-p1.json",
          "Encounter-e1.json",
          "MeasureReport-m1.json",
          "CMS130FHIR-v0.4.000-DENEXPass-Hospice.json",
          "notes.txt"
        }) {
      Files.writeString(folder.resolve(file), "{}");
    }
    Files.writeString(
        cases.resolve("cases.csv"),
        HEADER + "CMS130,p1,2026-01-01,2026-12-31,1,OPEN,NoScreening,\"none, at all\"\n");

    EcqmCases read = EcqmCases.read(cases);

    assertThat(read.cases())
        .containsExactly(
            new EcqmCase(
                "CMS130",
                "p1",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31),
                "OPEN",
                "NoScreening",
                folder));
    assertThat(read.cases().get(0).expectedOpen()).isTrue();
    assertThat(read.cases().get(0).resourceFiles())
        .extracting(f -> f.getFileName().toString())
        .containsExactly("Encounter-e1.json", "Patient-p1.json");
    assertThat(read.measures()).containsExactly("CMS130");
  }

  @Test
  void periodOtherThanACalendarYear_isRefused() throws IOException {
    Files.createDirectories(cases.resolve("CMS130/p1"));
    Files.writeString(
        cases.resolve("cases.csv"), HEADER + "CMS130,p1,2026-04-01,2027-03-31,1,closed,Fiscal,\n");

    assertThatThrownBy(() -> EcqmCases.read(cases))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CMS130/p1")
        .hasMessageContaining("only calendar years");
  }

  @Test
  void rowWithoutItsFolder_isRefused() throws IOException {
    Files.writeString(
        cases.resolve("cases.csv"), HEADER + "CMS130,p1,2026-01-01,2026-12-31,1,OPEN,Lost,\n");

    assertThatThrownBy(() -> EcqmCases.read(cases))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CMS130/p1")
        .hasMessageContaining("not a directory");
  }
}
