#!/usr/bin/env bash
# Start-up time of the packaged service: a first start that compiles the default rule set, then
# three restarts that read the compiled rule base from the cache (target: under 15 s). About 60-90 s.
set -euo pipefail
java -cp "$BENCH_CP" org.cocare.bench.startup.StartupRun "$COCARE_JAR" "$RESULTS_DIR" 3
