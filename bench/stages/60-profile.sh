#!/usr/bin/env bash
# A JFR profile of the slowest stage, `evaluate` end to end over eCQM patients, summarised by
# pipeline stage and by method. The evaluate stage records its first 10,000-patient run; run on its
# own, this stage records one.
set -euo pipefail

population="$CACHE_DIR/ecqm-10000.ndjson"
java -cp "$BENCH_CP" org.cocare.bench.population.EcqmPopulation \
  "$SHARED_DIR/clinical/ecqm-cases" 10000 "$population"
recording="$RESULTS_DIR/evaluate.jfr"
command=(java -Xmx512m "-XX:StartFlightRecording=filename=$recording,settings=profile"
  -jar "$COCARE_JAR" evaluate --as-of 2026-12-31 --valuesets "$SHARED_DIR/clinical/valuesets"
  --timing --no-progress "$population")
if [ ! -s "$recording" ]; then
  "${command[@]}" > /dev/null 2> "$RESULTS_DIR/profile.log"
fi
java -cp "$BENCH_CP" org.cocare.bench.profile.JfrProfile "$recording" "$RESULTS_DIR" \
  "java -Xmx512m -XX:StartFlightRecording=filename=evaluate.jfr,settings=profile -jar cocare.jar evaluate --as-of 2026-12-31 --valuesets ../shared/clinical/valuesets --timing --no-progress ecqm-10000.ndjson" > /dev/null
