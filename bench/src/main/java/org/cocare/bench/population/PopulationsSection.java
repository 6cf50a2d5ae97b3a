package org.cocare.bench.population;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.cocare.bench.Section;

/**
 * The {@code populations} section of RESULTS.md:
 *
 * <pre>java -cp $BENCH_CP org.cocare.bench.population.PopulationsSection POPULATION RESULTS_DIR
 * SINCE [beside-build]</pre>
 *
 * <p>SINCE is when the run started (epoch seconds): a population completed before then came from
 * the cache, and its generation time is not this run's. {@code beside-build}: {@code bench/run.sh}
 * generated it while it built the modules, on the same cores.
 */
public final class PopulationsSection {
  private PopulationsSection() {}

  public static void main(String[] args) {
    if (args.length < 3 || args.length > 4 || !args[2].matches("\\d+")) {
      System.err.println("usage: PopulationsSection POPULATION RESULTS_DIR SINCE [beside-build]");
      System.exit(2);
    }
    SyntheaPopulation population = SyntheaPopulation.open(Path.of(args[0]));
    boolean cached =
        population.completedAt().isBefore(Instant.ofEpochSecond(Long.parseLong(args[2])));
    boolean besideBuild = args.length == 4 && args[3].equals("beside-build");
    Section section = section(population, population.stats(), cached);
    if (!cached && besideBuild) {
      section.note(
          "Generated while `bench/run.sh` built the modules, on the same cores: the wall time is"
              + " longer than Synthea's alone; the CPU time is its own.");
    }
    section.write(Path.of(args[1]), "populations");
  }

  static Section section(SyntheaPopulation population, PopulationStats stats, boolean cached) {
    String made =
        Double.isNaN(population.generationCpuSeconds())
            ? String.format(Locale.ROOT, "%.0f s", population.generationSeconds())
            : String.format(
                Locale.ROOT,
                "%.0f s wall, %.0f s CPU",
                population.generationSeconds(),
                population.generationCpuSeconds());
    String generation = cached ? "cached (made in " + made + ")" : made;
    return new Section(
            "populations", "bench/synthea.sh " + population.patients() + " " + population.seed())
        .note(
            String.format(
                Locale.ROOT,
                "Synthea 3.3.0, seed %d, living patients aged 18–85 in Massachusetts, simulated to"
                    + " %s; one FHIR R4 transaction Bundle per patient.",
                population.seed(),
                population.referenceDate()))
        .note(
            "| population | patients | resources per patient (median / p90 / max) |"
                + " bundle MB (median / max / total) | ages | F / M | generation |\n"
                + "|---|---|---|---|---|---|---|\n"
                + String.format(
                    Locale.ROOT,
                    "| synthea-%d-s%d | %d in %d files | %.0f / %.0f / %.0f | %.1f / %.1f / %.0f |"
                        + " %d–%d | %d / %d | %s |",
                    population.patients(),
                    population.seed(),
                    stats.patients(),
                    stats.files(),
                    stats.resourcesMedian(),
                    stats.resourcesP90(),
                    stats.resourcesMax(),
                    stats.megabytesMedian(),
                    stats.megabytesMax(),
                    stats.megabytesTotal(),
                    stats.youngest(),
                    stats.oldest(),
                    stats.female(),
                    stats.male(),
                    generation));
  }
}
