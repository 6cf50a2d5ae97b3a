#!/usr/bin/env bash
# Runs the benchmark profile and writes bench/RESULTS.md.
#
#   bench/run.sh            the short profile (about 10 minutes on 2 cores)
#   bench/run.sh STAGE...   only these stages (file names under bench/stages without number and .sh)
#
# Builds the four modules and the harness, then runs each stage in bench/stages in order. A stage is
# a script that measures one thing and writes its section to $RESULTS_DIR/<stage>.md; it gets:
#   REPO_DIR     the checkout
#   BENCH_DIR    this folder
#   RESULTS_DIR  where sections go (bench/target/results)
#   CACHE_DIR    populations kept between runs (bench/cache)
#   SHARED_DIR   ../shared beside the checkout (the eCQM cases and value sets)
#   BENCH_CP     the harness's classpath (classes + dependencies)
#   COCARE_JAR   routes/target/cocare.jar
#   PRODUCTION_DIR  where the startup stage leaves the production form (examples/deploy/prepare.sh)
#                   that the ingest stage starts the service from (bench/target/production)
#
# A Synthea population is made once (bench/synthea.sh, while the modules build; the first time also
# downloads Synthea, about 200 MB) and kept in $CACHE_DIR: SYNTHEA_PATIENTS (default 50) and
# SYNTHEA_SEED (default 42) choose it, e.g. SYNTHEA_PATIENTS=500 bench/run.sh populations.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
RESULTS_DIR="$BENCH_DIR/target/results"
CACHE_DIR="${COCARE_BENCH_CACHE:-$BENCH_DIR/cache}"
SHARED_DIR="${COCARE_SHARED_DIR:-$REPO_DIR/../shared}"
COCARE_JAR="$REPO_DIR/routes/target/cocare.jar"
PRODUCTION_DIR="$BENCH_DIR/target/production"
export BENCH_DIR REPO_DIR RESULTS_DIR CACHE_DIR SHARED_DIR COCARE_JAR PRODUCTION_DIR

if [ ! -d "$SHARED_DIR/clinical/ecqm-cases" ]; then
  echo "bench: $SHARED_DIR/clinical/ecqm-cases is missing; the benchmarks need the eCQM cases" >&2
  exit 2
fi

started=$(date +%s)
# Other work on the machine skews every figure: the report says how busy it was.
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
cd "$REPO_DIR"
mkdir -p "$CACHE_DIR"

# The Synthea population (unless it is in the cache) is generated while the modules build: neither
# needs the other, and each alone leaves a core idle much of the time. Its classpath is resolved
# first, so that two Mavens never write the local repository at once. The populations stage finds
# it made; its generation time is reported as measured beside the build.
synthea_pid=""
if [ $# -eq 0 ] || [[ " $* " == *" populations "* || " $* " == *" jmh "* ]]; then
  bash "$BENCH_DIR/synthea.sh" --resolve >/dev/null
  # A session of its own, so that stopping the run (a failed build, Ctrl-C) stops Synthea's JVM too.
  setsid bash "$BENCH_DIR/synthea.sh" >/dev/null 2>"$CACHE_DIR/synthea-beside-build.log" &
  synthea_pid=$!
  trap '[ -n "$synthea_pid" ] && kill -- -"$synthea_pid" 2>/dev/null || true' EXIT
fi

echo "bench: building (skipping tests)" >&2
# Tests and the formatting check are CI's; here they would only take time from the budget.
./mvnw -B -q -ntp install -DskipTests -Dspotless.check.skip=true
./mvnw -B -q -ntp -f bench/pom.xml package -DskipTests -Dspotless.check.skip=true
BENCH_CP="$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/classpath.txt")"
export BENCH_CP

if [ -n "$synthea_pid" ]; then
  if ! wait "$synthea_pid"; then
    echo "bench: generating the Synthea population failed:" >&2
    cat "$CACHE_DIR/synthea-beside-build.log" >&2
    exit 1
  fi
  synthea_pid=""
fi
# The populations stage reports a population made since this moment as made by this run.
BENCH_STARTED="$started"
export BENCH_STARTED

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

wanted=("$@")
for stage in "$BENCH_DIR"/stages/*.sh; do
  name="$(basename "$stage" .sh)"
  name="${name#*-}"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
    continue
  fi
  echo "bench: stage $name" >&2
  stage_start=$(date +%s)
  bash "$stage"
  echo "bench: stage $name took $(( $(date +%s) - stage_start )) s" >&2
done

COCARE_COMMIT="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
COCARE_LOAD_BEFORE="$load_before" \
java -cp "$BENCH_CP" org.cocare.bench.Results "$RESULTS_DIR" "$BENCH_DIR/RESULTS.md" \
  "$(( $(date +%s) - started ))" "bench/run.sh $*"
echo "bench: wrote $BENCH_DIR/RESULTS.md in $(( $(date +%s) - started )) s" >&2
