package org.cocare.bench.population;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What one bundle file holds: its size, its entries, and the Patients among them (birth date and
 * gender, for the age check).
 */
public record BundleSummary(Path file, long bytes, int entries, List<Person> patients) {

  /** A Patient resource of the bundle; either field is null when the resource does not say. */
  public record Person(LocalDate birthDate, String gender) {}

  public BundleSummary {
    if (bytes < 0 || entries < 0) {
      throw new IllegalArgumentException(file + ": negative size or entry count");
    }
    patients = List.copyOf(patients);
  }

  /** Entries per Patient in the file; all entries when it holds no Patient. */
  public double resourcesPerPatient() {
    return patients.isEmpty() ? entries : (double) entries / patients.size();
  }

  public double megabytes() {
    return bytes / 1_000_000.0;
  }
}
