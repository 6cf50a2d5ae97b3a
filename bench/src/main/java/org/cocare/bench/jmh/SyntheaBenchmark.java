package org.cocare.bench.jmh;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cocare.engine.evaluation.DryRun;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.rules.CompiledRuleSet;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.rules.model.EvaluationContext;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One Synthea patient (the bundle named by {@code -Dcocare.bench.synthea.bundle}, by default the
 * median-sized one {@code bench/stages/20-jmh.sh} picks) through parse, map and rule evaluation.
 * Mapping includes grouping the bundle's resources by patient, as {@code evaluate} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
// A Synthea bundle takes tens of milliseconds to parse, so a second holds few calls: two 1 s
// warm-up iterations left the parse at 100-235 ms a call where it settles near 30 ms.
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SyntheaBenchmark {
  private FhirReader reader;
  private DryRun dryRun;
  private CompiledRuleSet ruleSet;
  private RuleEngine engine;
  private byte[] json;
  private Resource bundle;
  private List<Resource> record;
  private List<Object> facts;
  private EvaluationContext context;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String file = System.getProperty("cocare.bench.synthea.bundle");
    if (file == null) {
      throw new IllegalStateException("-Dcocare.bench.synthea.bundle=FILE names the bundle");
    }
    json = Files.readAllBytes(Path.of(file));
    reader = new FhirReader(FhirContext.forR4());
    engine = EcqmPatients.engine(reader.context(), EcqmPatients.shared());
    ruleSet = engine.active();
    dryRun =
        new DryRun(reader, new Evaluator(engine, Clock.systemUTC(), new SimpleMeterRegistry()));
    bundle = reader.parse(json, EcqmPatients.JSON);
    Map<String, List<Resource>> byPatient = dryRun.byPatient(List.of(bundle));
    if (byPatient.size() != 1) {
      throw new IllegalStateException(file + " holds " + byPatient.size() + " patients, not one");
    }
    record = byPatient.values().iterator().next();
    facts = ruleSet.mapper().facts(record);
    context = EvaluationContext.asOf(LocalDate.of(2026, 11, 29));
  }

  @Benchmark
  public Resource parse() {
    return reader.parse(json, EcqmPatients.JSON);
  }

  @Benchmark
  public void map(Blackhole sink) {
    for (List<Resource> resources : dryRun.byPatient(List.of(bundle)).values()) {
      sink.consume(ruleSet.mapper().facts(resources));
    }
  }

  @Benchmark
  public Object evaluate() {
    return engine.evaluate(ruleSet, facts, context);
  }
}
