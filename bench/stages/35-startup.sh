#!/usr/bin/env bash
# Start-up time of the packaged service, to /actuator/health UP, in the production form
# examples/deploy/prepare.sh makes (extracted jar and a class data sharing archive; the making is
# timed on its own), then a first start that compiles the default rule set, then restarts that read
# the compiled rule base from the cache and are judged: under 15 s. About 2.5 minutes on 2 cores,
# half of it making the archive. STARTUP_RESTARTS (default 3) sets the restarts; STARTUP_JAR_STARTS
# (default 0: 25 s each, over the 10-minute budget) adds cached starts of java -jar cocare.jar in
# the same folder, reported beside. The production form is left in $PRODUCTION_DIR for the ingest
# stage.
set -euo pipefail
java -cp "$BENCH_CP" org.cocare.bench.startup.StartupRun \
  "$COCARE_JAR" "$REPO_DIR/examples/deploy/prepare.sh" "$RESULTS_DIR" "$PRODUCTION_DIR" \
  "${STARTUP_RESTARTS:-3}" "${STARTUP_JAR_STARTS:-0}"
