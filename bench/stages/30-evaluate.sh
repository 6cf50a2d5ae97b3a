#!/usr/bin/env bash
# cocare.jar evaluate over the replicated eCQM population: patients/s, start-up and peak RSS of
# EVALUATE_RUNS (default 1) runs of 10,000, and one 100,000-patient run at -Xmx512m (the target's
# rate, and constant memory); the Synthea population too when one is in the cache.
set -euo pipefail

cases="$SHARED_DIR/clinical/ecqm-cases"
small="$CACHE_DIR/ecqm-10000.ndjson"
large="$CACHE_DIR/ecqm-100000.ndjson"
java -cp "$BENCH_CP" org.cocare.bench.population.EcqmPopulation "$cases" 10000 "$small"
java -cp "$BENCH_CP" org.cocare.bench.population.EcqmPopulation "$cases" 100000 "$large"

synthea=()
for dir in "$CACHE_DIR"/synthea-*/fhir; do
  if [ -d "$dir" ]; then
    synthea=("$dir")
    break
  fi
done

# The first 10,000-patient run is recorded with JFR for the profile stage.
java "-Dcocare.bench.evaluate.jfr=$RESULTS_DIR/evaluate.jfr" -cp "$BENCH_CP" \
  org.cocare.bench.evaluate.EvaluateRun \
  "$COCARE_JAR" "$SHARED_DIR/clinical/valuesets" "$RESULTS_DIR" "$small" "${EVALUATE_RUNS:-1}" "$large" "${synthea[@]}"
