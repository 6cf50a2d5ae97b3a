#!/usr/bin/env bash
# HTTP ingest with persistence: the service on H2 (its embedded default), then on a real
# PostgreSQL server, each loaded by IngestLoad (closed loop at C = 16, then an open loop at half
# its rate), then checked against the database. Writes the 'ingest' section. The targets
# are judged on H2; PostgreSQL gets a shorter load (C = 16, two intervals of each loop, a shorter
# warm-up), enough for its errors and losses.
#
# The service runs in the production form the startup stage left in $PRODUCTION_DIR (it starts
# in half the time; running, it is the same code) when that was made from the current jar, else
# as java -jar.
#
# INGEST_CLIENTS, INGEST_INTERVAL (s), INGEST_INTERVALS, INGEST_OPEN (s), INGEST_WARMUP (s) and
# INGEST_DATABASES (h2 postgres) override the defaults for H2, INGEST_PG_CLIENTS,
# INGEST_PG_INTERVALS and INGEST_PG_WARMUP for PostgreSQL; INGEST_JFR=1 records a profile of the
# service (settings=profile) into $RESULTS_DIR/ingest-<db>.jfr.
set -euo pipefail

# C = 8 measured 10-30 % below C = 16 on 2 cores (bench/notes/ingest.md); INGEST_CLIENTS=8,16
# measures both, the best counting.
clients="${INGEST_CLIENTS:-16}"
interval="${INGEST_INTERVAL:-3}"
intervals="${INGEST_INTERVALS:-3}"
open_seconds="${INGEST_OPEN:-5}"
# The JIT is still compiling after 8 s of load (C2 threads used a third of the CPU then); 15 s
# gets the service closer to how it runs for hours.
warmup="${INGEST_WARMUP:-15}"
databases="${INGEST_DATABASES:-h2 postgres}"
pg_clients="${INGEST_PG_CLIENTS:-16}"
pg_intervals="${INGEST_PG_INTERVALS:-2}"
pg_warmup="${INGEST_PG_WARMUP:-10}"

service=(-jar "$COCARE_JAR")
form="java -jar cocare.jar"
if [ -f "${PRODUCTION_DIR:-}/cocare.jsa" ] && [ "$PRODUCTION_DIR/cocare.jsa" -nt "$COCARE_JAR" ]; then
  # -Xshare:on as the startup stage starts it: an archive this JVM cannot use fails the start, not
  # a service labelled the production form that runs without it.
  service=(-Xshare:on "-XX:SharedArchiveFile=$PRODUCTION_DIR/cocare.jsa" -jar "$PRODUCTION_DIR/cocare.jar")
  form="the production form (prepare.sh)"
fi
echo "ingest: the service is started as java ${service[*]}" >&2

work="$(mktemp -d)"
service_pid=""
postgres_pid=""
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  [ -n "$postgres_pid" ] && kill "$postgres_pid" 2>/dev/null && wait "$postgres_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_service DB_NAME [--spring.datasource...]: starts the jar in a fresh directory, waits for UP.
start_service() {
  local db="$1"; shift
  local dir="$work/$db"
  mkdir -p "$dir"
  port="$(free_port)"
  local jfr=()
  if [ "${INGEST_JFR:-0}" = 1 ]; then
    jfr=("-XX:StartFlightRecording=filename=$RESULTS_DIR/ingest-$db.jfr,settings=profile")
  fi
  (cd "$dir" && exec java "${jfr[@]}" "${service[@]}" --server.port="$port" \
      --cocare.terminology.valueset-dirs="$SHARED_DIR/clinical/valuesets" \
      --logging.file.name="$dir/cocare.log" --logging.pattern.console= "$@" \
      >"$dir/stdout.log" 2>&1) &
  service_pid=$!
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      return 0
    fi
    if ! kill -0 "$service_pid" 2>/dev/null; then
      echo "ingest: the service on $db did not start" >&2; tail -50 "$dir/stdout.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "ingest: the service on $db was not UP in 300 s" >&2; exit 1
}

stop_service() {
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
}

# load OUT CLIENTS INTERVALS WARMUP
load() {
  java -Xmx1g -cp "$BENCH_CP" org.cocare.bench.ingest.IngestLoad "http://127.0.0.1:$port" \
    "$SHARED_DIR/clinical/ecqm-cases" "$1" "$2" "$interval" "$3" "$open_seconds" "$4"
}

h2_figures="$work/h2.tsv"
postgres_figures="$work/postgres.tsv"

if [[ " $databases " == *" h2 "* ]]; then
  start_service h2
  load "$h2_figures" "$clients" "$intervals" "$warmup"
  stop_service
  java -cp "$BENCH_CP" org.cocare.bench.ingest.IngestCheck \
    "jdbc:h2:file:$work/h2/data/cocare;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" sa "" "$h2_figures"
fi

if [[ " $databases " == *" postgres "* ]]; then
  java -cp "$BENCH_CP" org.cocare.bench.ingest.PostgresServer "$work/postgres.url" \
    >"$work/postgres.log" 2>&1 &
  postgres_pid=$!
  for _ in $(seq 1 120); do [ -f "$work/postgres.url" ] && break; sleep 0.5; done
  url="$(cat "$work/postgres.url")"
  start_service postgres --spring.datasource.url="$url" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres
  load "$postgres_figures" "$pg_clients" "$pg_intervals" "$pg_warmup"
  java -cp "$BENCH_CP" org.cocare.bench.ingest.IngestCheck "$url" postgres postgres "$postgres_figures"
  stop_service
  kill "$postgres_pid"; wait "$postgres_pid" 2>/dev/null || true; postgres_pid=""
fi

cp "$work"/*.tsv "$RESULTS_DIR/" 2>/dev/null || true
java -cp "$BENCH_CP" org.cocare.bench.ingest.IngestReport "$RESULTS_DIR" \
  "bench/run.sh ingest   # service: $form; H2: clients $clients, ${intervals}x${interval} s closed, ${intervals}x${open_seconds} s open, ${warmup} s warm-up; PostgreSQL: clients $pg_clients, ${pg_intervals}x each, ${pg_warmup} s warm-up" \
  "$h2_figures" "$postgres_figures"
