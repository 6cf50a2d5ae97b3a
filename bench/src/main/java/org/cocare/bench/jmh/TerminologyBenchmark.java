package org.cocare.bench.jmh;

import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cocare.rules.model.ValueSetIndex;
import org.hl7.fhir.r4.model.Coding;
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
 * Value-set membership as mapping asks it: which of the rule set's value sets (the measures' from
 * {@code ../shared/clinical/valuesets}, and the starter terminology) hold a coding. The codings are
 * every one in the eCQM patients' resources, in order, hits and misses as they come.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TerminologyBenchmark {
  /** Distinct codings looked up per invocation; the score divides by this many. */
  static final int LOOKUPS = 256;

  private ValueSetIndex terminology;
  private String[] systems;
  private String[] codes;

  @Setup(Level.Trial)
  public void setUp() {
    EcqmPatients patients = new EcqmPatients(EcqmPatients.shared());
    terminology = patients.ruleSet.terminology();
    FhirTerser terser = patients.reader.context().newTerser();
    Set<List<String>> codings = new LinkedHashSet<>();
    for (List<Resource> record : patients.parsed) {
      for (Resource resource : record) {
        for (Coding coding : terser.getAllPopulatedChildElementsOfType(resource, Coding.class)) {
          if (coding.hasSystem() && coding.hasCode()) {
            codings.add(List.of(coding.getSystem(), coding.getCode()));
          }
        }
      }
    }
    List<List<String>> cycle = new ArrayList<>(codings);
    if (cycle.isEmpty()) {
      throw new IllegalStateException("the eCQM patients hold no coding");
    }
    systems = new String[LOOKUPS];
    codes = new String[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      systems[i] = cycle.get(i % cycle.size()).get(0);
      codes[i] = cycle.get(i % cycle.size()).get(1);
    }
  }

  @Benchmark
  @OperationsPerInvocation(LOOKUPS)
  public void membership(Blackhole sink) {
    for (int i = 0; i < LOOKUPS; i++) {
      sink.consume(terminology.valueSetsContaining(systems[i], codes[i]));
    }
  }
}
