#!/usr/bin/env bash
# The hot paths with JMH (parse, map, rule evaluation, value-set membership), then the share of
# rule evaluation in parse + map for every patient of the Synthea population. Warm-up and
# measurement iterations are the benchmarks' own (@Warmup, @Measurement). Of the Synthea patient
# only the parse runs here: its mapping and rule evaluation are measured for every patient of the
# population just after (SyntheaCosts); `SyntheaBenchmark` runs all three on their own.
set -euo pipefail

population="$(bash "$BENCH_DIR/synthea.sh")"
representative="$(java -cp "$BENCH_CP" org.cocare.bench.population.SyntheaPopulation "$population")"
json="$RESULTS_DIR/jmh.json"
options=(-f 1 -rf json -rff "$json")
benchmarks='EcqmBenchmark|TerminologyBenchmark|SyntheaBenchmark.parse'
jvm=(-Xmx2g "-Dcocare.shared.dir=$SHARED_DIR" "-Dcocare.bench.synthea.bundle=$representative"
  "-Dcocare.bench.rule-cache=$CACHE_DIR/rule-cache")
java "${jvm[@]}" -cp "$BENCH_CP" org.openjdk.jmh.Main "${options[@]}" -jvmArgsAppend "${jvm[*]}" \
  "$benchmarks" > "$RESULTS_DIR/jmh.log"
java -cp "$BENCH_CP" org.cocare.bench.jmh.JmhSection "$json" "$RESULTS_DIR" \
  "java -cp \$BENCH_CP org.openjdk.jmh.Main ${options[*]} '$benchmarks'" > /dev/null
java -Xmx2g "-Dcocare.bench.rule-cache=$CACHE_DIR/rule-cache" -cp "$BENCH_CP" \
  org.cocare.bench.jmh.SyntheaCosts "$population/fhir" "$SHARED_DIR" \
  "$RESULTS_DIR" 3 > /dev/null
