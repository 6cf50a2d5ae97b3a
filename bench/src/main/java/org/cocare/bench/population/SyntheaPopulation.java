package org.cocare.bench.population;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A population {@code bench/synthea.sh} made: its bundle files, sorted by name so every stage sees
 * them in the same order, one representative bundle, and what generating it cost.
 */
public final class SyntheaPopulation {
  /** Written last by {@code bench/synthea.sh}: a folder without it is incomplete. */
  public static final String COMPLETE = "population.properties";

  private final Path folder;
  private final Properties properties;
  private final List<Path> bundles;

  private SyntheaPopulation(Path folder, Properties properties, List<Path> bundles) {
    this.folder = folder;
    this.properties = properties;
    this.bundles = bundles;
  }

  /** The population in {@code folder}; fails when it is incomplete or holds no bundle. */
  public static SyntheaPopulation open(Path folder) {
    Path marker = folder.resolve(COMPLETE);
    if (!Files.isRegularFile(marker)) {
      throw new IllegalStateException(
          folder
              + " is not a complete Synthea population (no "
              + COMPLETE
              + "): run bench/synthea.sh");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(marker, StandardCharsets.UTF_8);
        Stream<Path> files = Files.list(folder.resolve("fhir"))) {
      properties.load(reader);
      List<Path> bundles =
          files
              .filter(f -> f.getFileName().toString().endsWith(".json"))
              .sorted(Comparator.comparing(f -> f.getFileName().toString()))
              .toList();
      if (bundles.isEmpty()) {
        throw new IllegalStateException(folder + "/fhir holds no bundle");
      }
      return new SyntheaPopulation(folder, properties, bundles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the population in " + folder, e);
    }
  }

  public Path folder() {
    return folder;
  }

  /** The folder of bundles, as {@code cocare.jar evaluate} takes it. */
  public Path fhir() {
    return folder.resolve("fhir");
  }

  /** The Synthea bundle files, sorted by file name. */
  public List<Path> bundles() {
    return bundles;
  }

  /**
   * The median-sized bundle (by bytes; the lower median for an even count, ties by name): a patient
   * neither as thin as a healthy 20-year-old nor as thick as an 85-year-old's decade of claims.
   */
  public Path representative() {
    List<Path> bySize =
        bundles.stream()
            .sorted(Comparator.comparingLong(SyntheaPopulation::size).thenComparing(Path::toString))
            .toList();
    return bySize.get((bySize.size() - 1) / 2);
  }

  /** The patients asked of Synthea (living ones: one bundle each). */
  public int patients() {
    return Integer.parseInt(property("patients"));
  }

  public long seed() {
    return Long.parseLong(property("seed"));
  }

  /** The day Synthea simulated up to: evaluate as of this date to see the records as current. */
  public LocalDate referenceDate() {
    return LocalDate.parse(property("reference_date"), DateTimeFormatter.BASIC_ISO_DATE);
  }

  /** Wall-clock seconds Synthea took when it made this folder. */
  public double generationSeconds() {
    return Double.parseDouble(property("generation_seconds"));
  }

  /**
   * CPU seconds (user and system) Synthea used for it; NaN for a folder that did not record them.
   */
  public double generationCpuSeconds() {
    String value = properties.getProperty("generation_cpu_seconds");
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  /** Reads every bundle (streaming, seconds for hundreds of MB) and summarises them. */
  public PopulationStats stats() {
    return PopulationStats.of(bundles.stream().map(BundleScanner::scan).toList(), referenceDate());
  }

  /** When {@code bench/synthea.sh} finished this folder. */
  public Instant completedAt() {
    try {
      return Files.getLastModifiedTime(folder.resolve(COMPLETE)).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder.resolve(COMPLETE), e);
    }
  }

  private String property(String name) {
    String value = properties.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(folder.resolve(COMPLETE) + " has no " + name);
    }
    return value;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code SyntheaPopulation FOLDER}: prints the representative (median-sized) bundle's path. */
  public static void main(String[] args) {
    System.out.println(open(Path.of(args[0])).representative());
  }
}
