package org.cocare.engine.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * One steward test case: a patient of one measure, the measurement period it is judged in, the
 * expected care gap ({@code OPEN}, {@code closed}, {@code excluded} or {@code not-eligible}) and
 * the folder holding the patient's resources.
 */
public record EcqmCase(
    String measure,
    String patientId,
    LocalDate periodStart,
    LocalDate periodEnd,
    String careGap,
    String title,
    Path folder) {

  /** The care gap value that means "the measure expects a recommendation". */
  public static final String OPEN = "OPEN";

  public EcqmCase {
    if (measure == null || measure.isBlank() || patientId == null || patientId.isBlank()) {
      throw new IllegalArgumentException(
          "an eCQM case needs a measure and a patient id, was: " + measure + "/" + patientId);
    }
    // Cocare evaluates the calendar year of the as-of date (EvaluationContext.asOf): a case with
    // another period would be judged against the wrong one and disagree for no fault of the rules.
    if (periodEnd == null
        || periodStart == null
        || !periodStart.equals(LocalDate.of(periodEnd.getYear(), 1, 1))
        || !periodEnd.equals(LocalDate.of(periodEnd.getYear(), 12, 31))) {
      throw new IllegalArgumentException(
          "eCQM case "
              + measure
              + "/"
              + patientId
              + " has measurement period "
              + periodStart
              + ".."
              + periodEnd
              + "; only calendar years can be evaluated");
    }
    if (careGap == null || careGap.isBlank()) {
      throw new IllegalArgumentException(
          "eCQM case " + measure + "/" + patientId + " needs a care gap");
    }
  }

  /** True when the stewards expect the care gap open: a recommendation naming the measure. */
  public boolean expectedOpen() {
    return OPEN.equals(careGap);
  }

  /**
   * The case's single-resource files, by name: not the duplicate Bundle the stewards ship beside
   * them ({@code CMS122FHIR-v0.5.000-....json}), never the MeasureReport (it is the expected
   * answer).
   */
  public List<Path> resourceFiles() {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().matches("[A-Z][A-Za-z]+-[^/]+\\.json"))
          .filter(f -> !f.getFileName().toString().startsWith("MeasureReport-"))
          .filter(f -> !f.getFileName().toString().contains("FHIR-v"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list eCQM case folder " + folder, e);
    }
  }
}
