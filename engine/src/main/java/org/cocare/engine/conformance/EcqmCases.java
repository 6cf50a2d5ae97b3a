package org.cocare.engine.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.cocare.rules.ruleset.Csv;

/**
 * A directory of steward test cases: {@value #INDEX} with one row per case (columns {@code
 * measure}, {@code patient_id}, {@code mp_start}, {@code mp_end}, {@code care_gap}, {@code title})
 * and a folder {@code <measure>/<patient_id>} per case. Reads the index only; the resources are
 * read by whoever evaluates them.
 */
public record EcqmCases(Path directory, List<EcqmCase> cases) {

  public static final String INDEX = "cases.csv";

  public EcqmCases {
    cases = List.copyOf(cases);
  }

  /** Reads {@value #INDEX}; fails naming the row or folder that is missing or malformed. */
  public static EcqmCases read(Path directory) {
    Path index = directory.resolve(INDEX);
    Csv csv;
    try {
      csv = Csv.parse(Files.readString(index));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + index, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(index + ": " + e.getMessage(), e);
    }
    return new EcqmCases(
        directory, csv.rows().stream().map(row -> caseOf(csv, row, directory, index)).toList());
  }

  /** The measures with at least one case, ordered by id. */
  public SortedSet<String> measures() {
    SortedSet<String> measures = new TreeSet<>();
    cases.forEach(c -> measures.add(c.measure()));
    return measures;
  }

  private static EcqmCase caseOf(Csv csv, List<String> row, Path directory, Path index) {
    String measure = csv.cell(row, "measure");
    String patient = csv.cell(row, "patient_id");
    Path folder = directory.resolve(measure).resolve(patient);
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          index + " lists " + measure + "/" + patient + " but " + folder + " is not a directory");
    }
    try {
      return new EcqmCase(
          measure,
          patient,
          LocalDate.parse(csv.cell(row, "mp_start")),
          LocalDate.parse(csv.cell(row, "mp_end")),
          csv.cell(row, "care_gap"),
          csv.cell(row, "title"),
          folder);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          index + ", case " + measure + "/" + patient + ": " + e.getMessage(), e);
    }
  }
}
