#!/usr/bin/env bash
# The populations the other stages measure on: makes the Synthea one (or finds it in the cache) and
# writes the populations section. SYNTHEA_PATIENTS and SYNTHEA_SEED choose it (bench/synthea.sh).
set -euo pipefail

# run.sh generates the population beside the build, before this stage: made since run.sh started
# means made by this run.
started="${BENCH_STARTED:-$(date +%s)}"
population="$(bash "$BENCH_DIR/synthea.sh")"
java -cp "$BENCH_CP" org.cocare.bench.population.PopulationsSection \
  "$population" "$RESULTS_DIR" "$started" ${BENCH_STARTED:+beside-build}
