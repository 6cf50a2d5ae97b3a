package org.cocare.bench.jmh;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cocare.bench.Figure;
import org.cocare.bench.Section;
import org.cocare.engine.evaluation.DryRun;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.model.EvaluationContext;
import org.hl7.fhir.r4.model.Resource;

/**
 * Every patient of a Synthea population through parse, map and rule evaluation, each stage timed on
 * its own (the median of a few repetitions, after a warm-up pass over the first patients),
 * single-threaded: the share rule evaluation takes of parse + map, per patient, and its median over
 * the population.
 *
 * <p>{@code SyntheaCosts FHIR_DIR SHARED_DIR RESULTS_DIR [REPEATS]}
 */
public final class SyntheaCosts {
  /** Patients run once through every stage before any is measured. */
  static final int WARM_UP_PATIENTS = 10;

  private SyntheaCosts() {}

  /** One patient's stage times, in milliseconds. */
  record Costs(int resources, int facts, double parse, double map, double evaluate) {
    double share() {
      return evaluate / (parse + map);
    }
  }

  public static void main(String[] args) throws IOException {
    Path fhir = Path.of(args[0]);
    Path shared = Path.of(args[1]);
    Path results = Path.of(args[2]);
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    FhirReader reader = new FhirReader(FhirContext.forR4());
    RuleEngine engine = EcqmPatients.engine(reader.context(), shared);
    CompiledRuleSet ruleSet = engine.active();
    DryRun dryRun =
        new DryRun(reader, new Evaluator(engine, Clock.systemUTC(), new SimpleMeterRegistry()));
    EvaluationContext context = EvaluationContext.asOf(LocalDate.of(2026, 11, 29));
    List<Path> files;
    try (Stream<Path> list = Files.list(fhir)) {
      files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    // Warm-up: the first patients once through every stage (each patient's figure is then the
    // median of its repetitions, which warm it further).
    for (Path file : files.subList(0, Math.min(WARM_UP_PATIENTS, files.size()))) {
      measure(reader, dryRun, engine, ruleSet, context, Files.readAllBytes(file), 1);
    }
    List<Costs> costs = new ArrayList<>();
    for (Path file : files) {
      Costs c =
          measure(reader, dryRun, engine, ruleSet, context, Files.readAllBytes(file), repeats);
      if (c != null) {
        costs.add(c);
      }
    }
    double[] shares = costs.stream().mapToDouble(Costs::share).sorted().toArray();
    Section section =
        new Section(
            "Rule evaluation against parse + map, Synthea patients",
            "java -cp $BENCH_CP org.cocare.bench.jmh.SyntheaCosts "
                + fhir.getFileName()
                + " ../shared target/results "
                + repeats);
    section.add(
        Figure.atMost(
            "rule evaluation ÷ (parse + map), median over " + costs.size() + " patients",
            "",
            List.of(median(shares)),
            0.25));
    section.add(
        Figure.of(
            "parse, per patient (median)",
            "ms",
            List.of(median(costs.stream().mapToDouble(Costs::parse).sorted().toArray()))));
    section.add(
        Figure.of(
            "map, per patient (median)",
            "ms",
            List.of(median(costs.stream().mapToDouble(Costs::map).sorted().toArray()))));
    section.add(
        Figure.of(
            "rule evaluation, per patient (median)",
            "ms",
            List.of(median(costs.stream().mapToDouble(Costs::evaluate).sorted().toArray()))));
    section.note(
        String.format(
            Locale.ROOT,
            "Share per patient: min %.3f, p25 %.3f, median %.3f, p75 %.3f, max %.3f (each stage the"
                + " median of %d repetitions after a warm-up pass over the first "
                + WARM_UP_PATIENTS
                + " patients; one thread). Resources per"
                + " patient: median %.0f, max %.0f; facts: median %.0f, max %.0f.",
            shares[0],
            shares[shares.length / 4],
            median(shares),
            shares[shares.length * 3 / 4],
            shares[shares.length - 1],
            repeats,
            median(costs.stream().mapToDouble(Costs::resources).sorted().toArray()),
            costs.stream().mapToDouble(Costs::resources).max().orElse(0),
            median(costs.stream().mapToDouble(Costs::facts).sorted().toArray()),
            costs.stream().mapToDouble(Costs::facts).max().orElse(0)));
    section.write(results, "synthea-costs");
    System.out.print(section.markdown());
  }

  private static Costs measure(
      FhirReader reader,
      DryRun dryRun,
      RuleEngine engine,
      CompiledRuleSet ruleSet,
      EvaluationContext context,
      byte[] json,
      int repeats) {
    Resource bundle = reader.parse(json, EcqmPatients.JSON);
    Map<String, List<Resource>> byPatient = dryRun.byPatient(List.of(bundle));
    if (byPatient.size() != 1) {
      return null;
    }
    List<Resource> record = byPatient.values().iterator().next();
    List<Object> facts = ruleSet.mapper().facts(record);
    double parse = time(() -> reader.parse(json, EcqmPatients.JSON), repeats);
    double map =
        time(
            () ->
                ruleSet
                    .mapper()
                    .facts(dryRun.byPatient(List.of(bundle)).values().iterator().next()),
            repeats);
    double evaluate = time(() -> engine.evaluate(ruleSet, facts, context), repeats);
    return new Costs(record.size(), facts.size(), parse, map, evaluate);
  }

  /** The median of {@code repeats} timings of {@code work}, in milliseconds. */
  private static double time(Supplier<?> work, int repeats) {
    double[] ms = new double[repeats];
    Object sink = null;
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      sink = work.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    if (sink == null) {
      throw new IllegalStateException("a stage returned nothing");
    }
    Arrays.sort(ms);
    return median(ms);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
