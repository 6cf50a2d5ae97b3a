#!/usr/bin/env bash
# Makes a Synthea population, or finds it in the cache:
#
#   bench/synthea.sh [N [SEED]]             prints the population's folder on stdout
#   bench/synthea.sh --resolve [N [SEED]]   only resolves Synthea's classpath (unless the
#                                           population is in the cache): Maven's part, alone
#
# N defaults to $SYNTHEA_PATIENTS, else 50; SEED to $SYNTHEA_SEED, else 42. Stages that need the
# population call this: it costs nothing once the population is in the cache.
# N living patients aged 18-85 in Massachusetts, from seed SEED, simulated up to the reference date
# SYNTHEA_DATE (YYYYMMDD, default 20261129) so the same N and SEED give the same people on any day,
# exported as one FHIR R4 transaction Bundle per patient (no hospital or practitioner bundles) into
#
#   $CACHE_DIR/synthea-N-sSEED/fhir/*.json
#   $CACHE_DIR/synthea-N-sSEED/population.properties    written last: its presence means complete
#
# A folder with population.properties is reused as it is; one without (an interrupted run) is made
# again. Synthea runs as its own process on its own classpath (bench/synthea/pom.xml): it brings
# HAPI FHIR 6.1, which must not meet Cocare's 8.8.1. The first run downloads it (about 200 MB).
set -euo pipefail

resolve_only=""
if [ "${1:-}" = "--resolve" ]; then
  resolve_only=1
  shift
fi
patients="${1:-${SYNTHEA_PATIENTS:-50}}"
seed="${2:-${SYNTHEA_SEED:-42}}"
if [ $# -gt 2 ] || ! [[ $patients =~ ^[1-9][0-9]*$ ]] || ! [[ $seed =~ ^[0-9]+$ ]]; then
  echo "usage: bench/synthea.sh [--resolve] [PATIENTS [SEED]]" >&2
  exit 2
fi
reference_date="${SYNTHEA_DATE:-20261129}"

BENCH_DIR="${BENCH_DIR:-$(cd "$(dirname "$0")" && pwd)}"
REPO_DIR="${REPO_DIR:-$(dirname "$BENCH_DIR")}"
CACHE_DIR="${CACHE_DIR:-$BENCH_DIR/cache}"
population="$CACHE_DIR/synthea-$patients-s$seed"

if [ -f "$population/population.properties" ]; then
  echo "synthea: $population is complete, reusing it" >&2
  echo "$population"
  exit 0
fi

classpath="$BENCH_DIR/synthea/target/classpath.txt"
if [ ! -s "$classpath" ] || [ "$BENCH_DIR/synthea/pom.xml" -nt "$classpath" ]; then
  echo "synthea: resolving Synthea's classpath (the first time downloads it)" >&2
  "$REPO_DIR/mvnw" -B -q -ntp -f "$BENCH_DIR/synthea/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$classpath" >&2
fi

if [ -n "$resolve_only" ]; then
  exit 0
fi

rm -rf "$population"
mkdir -p "$population"
echo "synthea: generating $patients patients with seed $seed into $population" >&2
# Synthea writes its run log to stdout (one line per person, names included): keep it out of the
# bench log, and keep only its tail for a failure. CPU seconds beside wall seconds: on a shared
# machine the wall time says more about the neighbours than about Synthea.
TIMEFORMAT='%R %U %S'
set +e
{ time (cd "$population" && java -Xmx4g -cp "$(cat "$classpath")" App \
  -p "$patients" -s "$seed" -cs "$seed" -a 18-85 -r "$reference_date" -e "$reference_date" \
  --generate.only_alive_patients=true \
  --exporter.baseDirectory="$population/" \
  --exporter.fhir.export=true \
  --exporter.fhir.transaction_bundle=true \
  --exporter.hospital.fhir.export=false \
  --exporter.practitioner.fhir.export=false \
  --exporter.metadata.export=false \
  Massachusetts >synthea.log 2>&1); } 2>"$population/time.txt"
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "synthea: generation failed; the end of $population/synthea.log:" >&2
  tail -5 "$population/synthea.log" | grep -v -- ' -- ' >&2 || true
  exit 1
fi
read -r seconds user system <"$population/time.txt"
cpu_seconds=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", u + s }')
files=$(find "$population/fhir" -name '*.json' | wc -l)

cat >"$population/population.properties.tmp" <<EOF
# a Synthea population made by bench/synthea.sh
generator=org.mitre.synthea:synthea:3.3.0
patients=$patients
seed=$seed
reference_date=$reference_date
ages=18-85
files=$files
patients_per_file=1
generation_seconds=$seconds
generation_cpu_seconds=$cpu_seconds
EOF
mv "$population/population.properties.tmp" "$population/population.properties"
echo "synthea: $files bundles in ${seconds%.*} s (${cpu_seconds%.*} s of CPU)" >&2
echo "$population"
