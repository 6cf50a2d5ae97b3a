#!/usr/bin/env bash
# Start-up time of the packaged service, to /actuator/health UP, in two forms: java -jar cocare.jar
# (a first start that compiles the default rule set, then restarts that read the compiled rule base
# from the cache; reported only), and the production form examples/deploy/prepare.sh makes
# (extracted jar and a class data sharing archive; the making is timed on its own, then a first
# start and restarts; the cached start is judged: under 15 s). About 3 minutes on 2 cores, almost half of it making the
# archive. STARTUP_JAR_RESTARTS (default 1) and STARTUP_RESTARTS (default 3) set the restarts.
set -euo pipefail
java -cp "$BENCH_CP" org.cocare.bench.startup.StartupRun \
  "$COCARE_JAR" "$REPO_DIR/examples/deploy/prepare.sh" "$RESULTS_DIR" \
  "${STARTUP_JAR_RESTARTS:-1}" "${STARTUP_RESTARTS:-3}"
