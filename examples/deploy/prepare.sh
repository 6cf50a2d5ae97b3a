#!/usr/bin/env bash
# Prepares the production form of the service: cocare.jar extracted into DIR (DIR/cocare.jar and
# DIR/lib/*.jar, read straight from disk instead of from jars nested in a jar) plus a class data
# sharing archive DIR/cocare.jsa (the classes a start loads, already parsed and verified). Started
# as printed at the end, it is ready in about half the CPU time of java -jar cocare.jar.
#
#   examples/deploy/prepare.sh routes/target/cocare.jar /opt/cocare
#
# Steps: 1. extract (Spring Boot's jarmode tools); 2. a training run: the service starts once in a
# throwaway folder with the built-in defaults (its own H2 database, rule cache and inbox; the
# environment's COCARE_*/SPRING_* settings are not passed on, so it never touches a real database)
# until it is ready, while the JVM lists the classes it loads, then it is stopped and the folder
# deleted; 3. the JVM dumps the listed classes into DIR/cocare.jsa (180 MB). Once per deployment:
# one start plus the dump, which takes a little longer than the start (about 80 s in all on 2 cores).
#
# The archive holds for this java and these exact jar paths: run it again after upgrading either,
# and do not move DIR. A JVM that cannot use the archive starts without it, silently and as slowly
# as without, never wrongly; the last step checks it with -Xshare:on, which refuses to start instead
# (the same check by hand: java -Xshare:on -XX:SharedArchiveFile=DIR/cocare.jsa -cp DIR/cocare.jar
# -version). Classes the training run did not load are read from the jars as usual.
#
# Why a class list and -Xshare:dump rather than -XX:ArchiveClassesAtExit: on JDK 17 (17.0.15) both
# crash with SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary when a lambda
# involves a class of a signed jar (CDS skips signed jars; here Saxon-HE and ECJ). The list can be
# filtered: lines naming a package of a signed jar are dropped before the dump.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 COCARE_JAR DIR" >&2
  exit 2
fi
jar="$1"
if [ -e "$2" ] && [ -n "$(ls -A "$2")" ]; then
  echo "prepare: $2 is not empty; prepare a new folder (the archive is tied to its jars)" >&2
  exit 2
fi
mkdir -p "$2"
dir="$(cd "$2" && pwd)"
deadline="${COCARE_TRAINING_TIMEOUT:-600}"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
entries() { if command -v unzip >/dev/null; then unzip -Z1 "$1"; else jar tf "$1"; fi; }

started=$(now)
java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
echo "prepare: extracted into $dir in $(since "$started") s"

# The training run, in a folder of its own with a clean environment.
training="$(mktemp -d "${TMPDIR:-/tmp}/cocare-training.XXXXXX")"
pid=""
done_ok=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$training"
  # A half-made DIR (jars without an archive, or an archive that failed its check) is emptied, so
  # it is neither started by mistake nor refused as "not empty" by the next attempt.
  if [ -z "$done_ok" ]; then
    find "$dir" -mindepth 1 -delete 2>/dev/null || true
  fi
}
trap cleanup EXIT
log="$training/training.log"
trained=$(now)
(cd "$training" && exec env -i PATH="$PATH" HOME="$training" \
  java -XX:DumpLoadedClassList="$training/classes.list" -jar "$dir/cocare.jar" \
  --server.port=0 --server.address=127.0.0.1 \
  --logging.level.org.springframework.boot.availability=debug) >"$log" 2>&1 &
pid=$!
until grep -q "ReadinessState changed to ACCEPTING_TRAFFIC" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "prepare: the training run stopped before it was ready:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  if [ "$(since "$trained" | cut -d. -f1)" -ge "$deadline" ]; then
    echo "prepare: the training run was not ready within $deadline s:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  sleep 0.2
done
ready="$(since "$trained")"
kill "$pid" 2>/dev/null || true
wait "$pid" || true
pid=""
echo "prepare: training run ready in $ready s, stopped after $(since "$trained") s"

# Classes of signed jars cannot be archived, and a lambda naming one crashes JDK 17's dump.
signed="$training/signed-packages"
: >"$signed"
# (A jar's entry names are stored uncompressed, so one grep finds the signed ones.)
{ grep -alE 'META-INF/[A-Za-z0-9_.-]+\.SF' "$dir"/lib/*.jar || true; } | while read -r lib; do
  { entries "$lib" || true; } | { grep '\.class$' || true; } | sed 's|/[^/]*$||' | sort -u >>"$signed"
done
awk -v packages="$signed" '
  BEGIN { while ((getline p < packages) > 0) signed[p] = 1 }
  {
    line = $0
    while (match(line, /[A-Za-z0-9_$]+(\/[A-Za-z0-9_$]+)+/)) {
      name = substr(line, RSTART, RLENGTH)
      line = substr(line, RSTART + RLENGTH)
      sub(/^L/, "", name)
      sub(/\/[^\/]*$/, "", name)
      if (name in signed) next
    }
    print
  }' "$training/classes.list" >"$training/classes.filtered"

dumped=$(now)
if ! java -Xshare:dump -XX:SharedClassListFile="$training/classes.filtered" \
  -XX:SharedArchiveFile="$dir/cocare.jsa" -jar "$dir/cocare.jar" >"$training/dump.log" 2>&1; then
  echo "prepare: the archive could not be made:" >&2
  tail -n 40 "$training/dump.log" >&2
  exit 1
fi
echo "prepare: archive $dir/cocare.jsa ($(du -m "$dir/cocare.jsa" | cut -f1) MB) in $(since "$dumped") s"
if ! java -Xshare:on -XX:SharedArchiveFile="$dir/cocare.jsa" -cp "$dir/cocare.jar" -version \
  >"$training/check.log" 2>&1; then
  echo "prepare: this java cannot use the archive it made:" >&2
  cat "$training/check.log" >&2
  exit 1
fi
done_ok=1
echo "prepare: done in $(since "$started") s; start the service in its working folder with"
echo "  java -XX:SharedArchiveFile=$dir/cocare.jsa -jar $dir/cocare.jar"
