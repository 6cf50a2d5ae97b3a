#!/usr/bin/env bash
# The hot paths with JMH (parse, map, rule evaluation, value-set membership), then the share of
# rule evaluation in parse + map for every patient of the Synthea population.
set -euo pipefail

population="$(bash "$BENCH_DIR/synthea.sh")"
representative="$(java -cp "$BENCH_CP" org.cocare.bench.population.SyntheaPopulation "$population")"
json="$RESULTS_DIR/jmh.json"
options=(-f 1 -wi 3 -w 2s -i 3 -r 1s -rf json -rff "$json")
jvm=(-Xmx2g "-Dcocare.shared.dir=$SHARED_DIR" "-Dcocare.bench.synthea.bundle=$representative"
  "-Dcocare.bench.rule-cache=$CACHE_DIR/rule-cache")
java "${jvm[@]}" -cp "$BENCH_CP" org.openjdk.jmh.Main "${options[@]}" -jvmArgsAppend "${jvm[*]}" \
  'EcqmBenchmark|TerminologyBenchmark|SyntheaBenchmark' > "$RESULTS_DIR/jmh.log"
java -cp "$BENCH_CP" org.cocare.bench.jmh.JmhSection "$json" "$RESULTS_DIR" \
  "java -cp \$BENCH_CP org.openjdk.jmh.Main ${options[*]} 'EcqmBenchmark|TerminologyBenchmark|SyntheaBenchmark'" > /dev/null
java -Xmx2g "-Dcocare.bench.rule-cache=$CACHE_DIR/rule-cache" -cp "$BENCH_CP" \
  org.cocare.bench.jmh.SyntheaCosts "$population/fhir" "$SHARED_DIR" \
  "$RESULTS_DIR" 3 > /dev/null
