package org.cocare.bench.jmh;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cocare.rules.model.EvaluationContext;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One eCQM steward patient (224 of them, 4 resources at the median) through each hot path: parse
 * (HAPI, strict, as {@code evaluate} and ingest do), map to facts, and evaluate every rule family
 * and all seven measures with the facts ready. Each invocation goes through every patient once; the
 * score is per patient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EcqmBenchmark {
  /** The cases' patients; the score divides by this many. */
  static final int PATIENTS = 224;

  private EcqmPatients patients;
  private EvaluationContext context;

  @Setup(Level.Trial)
  public void setUp() {
    patients = new EcqmPatients(EcqmPatients.shared());
    if (patients.size() != PATIENTS) {
      throw new IllegalStateException(
          "expected " + PATIENTS + " eCQM patients, found " + patients.size());
    }
    context = EvaluationContext.asOf(LocalDate.of(2026, 12, 31));
  }

  @Benchmark
  @OperationsPerInvocation(PATIENTS)
  public void parse(Blackhole sink) {
    for (List<byte[]> patient : patients.json) {
      List<Resource> resources = new ArrayList<>(patient.size());
      for (byte[] json : patient) {
        resources.add(patients.reader.parse(json, EcqmPatients.JSON));
      }
      sink.consume(resources);
    }
  }

  @Benchmark
  @OperationsPerInvocation(PATIENTS)
  public void map(Blackhole sink) {
    for (List<Resource> record : patients.parsed) {
      sink.consume(patients.ruleSet.mapper().facts(record));
    }
  }

  // Drools keeps compiling well past two 1 s iterations (a shorter warm-up measured three times
  // as slow): this one is warmed for longer.
  @Benchmark
  @Warmup(iterations = 3, time = 2)
  @OperationsPerInvocation(PATIENTS)
  public void evaluate(Blackhole sink) {
    for (List<Object> facts : patients.facts) {
      sink.consume(patients.engine.evaluate(patients.ruleSet, facts, context));
    }
  }
}
