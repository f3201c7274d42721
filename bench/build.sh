#!/usr/bin/env bash
# Builds for the bench scripts: `bench/build.sh MAVEN_ARGS...` runs `mvn -B -q MAVEN_ARGS` in the
# repository, offline first (fast, and no network needed once ~/.m2 holds every plugin and
# dependency), and online when offline Maven lacks an artifact (a fresh clone on a machine that
# never downloaded JMH, Spark or a plugin). Any other failure (a compile error) is reported once,
# not retried. Maven's output goes to stderr. Every script under bench/ builds through this one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v mvn >/dev/null || { echo "bench/build.sh: needs Maven (mvn) on the PATH" >&2; exit 2; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if mvn -B -q -o -Dstyle.color=never "$@" >"$log" 2>&1; then
  cat "$log" >&2
  exit 0
fi
if ! grep -qi 'offline' "$log"; then
  cat "$log" >&2
  echo "bench/build.sh: the build failed (mvn -o $*); see the Maven output above" >&2
  exit 1
fi
echo "bench/build.sh: artifacts missing from ~/.m2; building online (downloads them once) ..." >&2
mvn -B -q -Dstyle.color=never "$@" >&2 \
  || { echo "bench/build.sh: the build failed (mvn $*); see the Maven output above" >&2; exit 1; }
