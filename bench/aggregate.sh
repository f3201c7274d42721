#!/usr/bin/env bash
# Benchmark of `arbtune aggregate` (issue 3, "Scale"): wall time and peak RSS, side by side in one
# run, against the raw-read floor (1 and N reader threads) and the seed's design ported
# straightforwardly, on a generated results folder and a JSON Lines file. See docs/BENCHMARKS.md.
#
# Every program is a fresh JVM (end to end, as a user runs it); runs alternate between programs
# and the order rotates each round; the page cache is warmed first; the medians are reported.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/aggregate.sh [options]

Generates (or reuses) a results folder and a JSON Lines file under the scratch folder, warms the
page cache, checks that every program finds the same counts, then times K runs of each program,
alternating: startup (RawReadFloor on an empty folder), RawReadFloor --threads 1 and --threads N,
SeedReferenceAggregator, and
`java -jar arbtune.jar aggregate --results-dir DIR [--quiet] $AGGREGATE_FLAGS`. Then the memory
mode: aggregate with -Xmx128m, peak RSS. Records wall time, CPU user/sys and peak RSS (GNU time)
of every run; prints medians and ratios; keeps raw numbers in SCRATCH/runs-<time>/runs.tsv.

Options:
  --scratch DIR       scratch folder (default: $ARBTUNE_BENCH_DIR or /tmp/arbtune-bench)
  --files N           result files in the folder (default: 100000)
  --jsonl-lines N     lines in the JSON Lines file (default: 1000000; 0 skips JSON Lines)
  --runs K            timed runs per program (default: 5)
  --threads N         reader threads of the parallel floor (default: nproc)
  --seed S            generator seed (default: 42)
  --million           memory mode also on 1,000,000 result files (generates them once: ~4 GB
                      of disk and 1M inodes; on a disk where creating a file is slow this takes
                      long, so consider --scratch /dev/shm/arbtune-bench, ~4.5 GB of RAM)
  --mem-runs K        runs per size in the memory mode (default: 1)
  --no-speed          skip the timed comparison
  --no-memory         skip the memory mode
  --core-jar JAR      the arbtune jar to measure (default: arbtune-core/target/arbtune.jar)
  --skip-build        do not run Maven (the jars must exist)
  -h, --help          this text

Environment:
  AGGREGATE_FLAGS     extra flags for `aggregate`, appended (e.g. "--threads 4"). `--quiet` is
                      added by itself when `aggregate --help` lists it.
  JAVA                the java command (default: java)
  JAVA_OPTS           JVM options for every program (default: none, the JVM's defaults)
  AGGREGATE_JAVA_OPTS JVM options for aggregate only (default: the ones the ./arbtune launcher
                      gives aggregate, "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", plus its
                      class-data-sharing archive when the jar is the repository's; set it to " "
                      for the JVM's defaults); the memory mode adds -Xmx128m after them
EOF
}

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${ARBTUNE_BENCH_DIR:-/tmp/arbtune-bench}"
files=100000
jsonl_lines=1000000
runs=5
threads="$(nproc)"
seed=42
million=false
mem_runs=1
do_speed=true
do_memory=true
build=true
core_jar="$repo/arbtune-core/target/arbtune.jar"
bench_jar="$repo/arbtune-bench/target/benchmarks.jar"
java="${JAVA:-java}"

need_value() { [ $# -ge 2 ] || { echo "aggregate.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch) need_value "$@"; scratch="$2"; shift 2 ;;
    --files) need_value "$@"; files="$2"; shift 2 ;;
    --jsonl-lines) need_value "$@"; jsonl_lines="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --threads) need_value "$@"; threads="$2"; shift 2 ;;
    --seed) need_value "$@"; seed="$2"; shift 2 ;;
    --million) million=true; shift ;;
    --mem-runs) need_value "$@"; mem_runs="$2"; shift 2 ;;
    --no-speed) do_speed=false; shift ;;
    --no-memory) do_memory=false; shift ;;
    --core-jar) need_value "$@"; core_jar="$(realpath "$2")"; shift 2 ;;
    --skip-build) build=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "aggregate.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$files" "$jsonl_lines" "$runs" "$threads" "$mem_runs"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "aggregate.sh: not a whole number: $n" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "aggregate.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }

log() { echo "[aggregate.sh] $*" >&2; }

# ---------------------------------------------------------------------------------------------
# Build
if $build; then
  log "building (bench/build.sh -DskipTests package) ..."
  "$repo/bench/build.sh" -DskipTests package
fi
for jar in "$core_jar" "$bench_jar"; do
  [ -f "$jar" ] || { echo "aggregate.sh: missing $jar (build first, or drop --skip-build)" >&2; exit 1; }
done

mkdir -p "$scratch"
out="$scratch/runs-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
tsv="$out/runs.tsv"
printf 'round\tprogram\tinput\twall_ms\trss_kb\texit\tuser_s\tsys_s\n' >"$tsv"

# ---------------------------------------------------------------------------------------------
# What the aggregate under test supports
agg_help="$("$java" -jar "$core_jar" aggregate --help 2>&1 || true)"
agg_flags=()
if grep -q -- '--quiet' <<<"$agg_help"; then
  agg_flags+=(--quiet)
fi
# shellcheck disable=SC2206 # word splitting of the user's flags is intended
agg_flags+=(${AGGREGATE_FLAGS:-})
log "aggregate flags: ${agg_flags[*]:-(none)}"

generate() { # out count [--jsonl]
  "$java" -cp "$bench_jar" dev.arbtune.bench.gen.ResultDirGenerator \
    --out "$1" --count "$2" --seed "$seed" "${@:3}" >"$out/generate-$(basename "$1").txt"
  grep -E '^(reused|documents|expected_error_jobs|bytes|seconds)=' \
    "$out/generate-$(basename "$1").txt" | tr '\n' ' ' >&2
  echo >&2
}
marker_value() { # generator-output-file key
  sed -n "s/^$2=//p" "$1" | head -1
}

# Does aggregate read *.jsonl? Ask it about a 10-line file.
if ! $do_speed; then
  jsonl_lines=0  # JSON Lines is only timed in the speed part
fi
jsonl_supported=false
if [ "$jsonl_lines" -gt 0 ]; then
  probe="$scratch/jsonl-probe"
  generate "$probe/probe.jsonl" 10 --jsonl --broken-fraction 0 2>/dev/null
  if "$java" -jar "$core_jar" aggregate --results-dir "$probe" "${agg_flags[@]}" \
      --output-json "$out/probe-summary.json" >/dev/null 2>&1 \
      && grep -Eq '"total_jobs" *: *10\b' "$out/probe-summary.json"; then
    jsonl_supported=true
  fi
  log "aggregate reads *.jsonl: $jsonl_supported"
fi

# ---------------------------------------------------------------------------------------------
# Inputs
check_space() { # folder-to-generate count: enough free space, unless it is there already
  [ -f "$1/.arbtune-generated" ] && return 0
  local need_kb=$(( $2 * 5 ))  # ~4 KiB block + inode per small file
  local have_kb
  have_kb=$(df -Pk "$scratch" | awk 'NR==2 {print $4}')
  if [ "$have_kb" -lt "$need_kb" ]; then
    echo "aggregate.sh: $scratch has $((have_kb / 1024)) MB free, $2 files need ~$((need_kb / 1024)) MB" >&2
    exit 1
  fi
}
dir="$scratch/files-$files"
log "results folder: $dir"
check_space "$dir" "$files"
generate "$dir" "$files"
jsonl_dir="$scratch/jsonl-$jsonl_lines"
jsonl_file="$jsonl_dir/results.jsonl"
if [ "$jsonl_lines" -gt 0 ]; then
  log "JSON Lines file: $jsonl_file"
  generate "$jsonl_file" "$jsonl_lines" --jsonl
fi
dir_million="$scratch/files-1000000"
if $million && $do_memory; then
  log "1,000,000-file folder: $dir_million (slow the first time)"
  check_space "$dir_million" 1000000
  generate "$dir_million" 1000000
fi

# ---------------------------------------------------------------------------------------------
# Running and recording
# Commands as arrays: /usr/bin/time runs programs, not shell functions.
# shellcheck disable=SC2206 # word splitting of the user's JVM options is intended
java_opts=(${JAVA_OPTS:-})
# Keep the default in step with the ./arbtune launcher, which is how people run aggregate: its
# JVM options and, for the repository's own jar, its class-data-sharing archive, made by the
# launcher itself (`./arbtune --version`) when missing or older than the jar (it fits the java on
# the PATH; the launcher rebuilds the jar first if the sources are newer).
default_agg_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
cds="$repo/arbtune-core/target/arbtune.jsa"
if [ -z "${AGGREGATE_JAVA_OPTS:-}" ] && [ "$core_jar" = "$repo/arbtune-core/target/arbtune.jar" ]; then
  if [ ! -f "$cds" ] || [ "$core_jar" -nt "$cds" ]; then
    log "making the class-data-sharing archive $cds (./arbtune --version) ..."
    "$repo/arbtune" --version >/dev/null 2>&1 || true
  fi
  if [ -f "$cds" ]; then
    default_agg_opts+=" -XX:SharedArchiveFile=$cds -Xshare:auto -Xlog:cds=off,cds+dynamic=off"
  else
    log "no class-data-sharing archive for $core_jar: aggregate runs without it"
  fi
fi
# shellcheck disable=SC2206
agg_java_opts=(${JAVA_OPTS:-} ${AGGREGATE_JAVA_OPTS:-$default_agg_opts})
FLOOR=("$java" "${java_opts[@]}" -cp "$bench_jar" dev.arbtune.bench.baseline.RawReadFloor)
REFERENCE=("$java" "${java_opts[@]}" -cp "$bench_jar" dev.arbtune.bench.baseline.SeedReferenceAggregator)
AGGREGATE=("$java" "${agg_java_opts[@]}" -jar "$core_jar" aggregate)
AGGREGATE_128M=("$java" "${agg_java_opts[@]}" -Xmx128m -jar "$core_jar" aggregate)

run_one() { # round program input cmd...
  local round=$1 program=$2 input=$3
  shift 3
  local t0 t1 rc=0
  t0=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$out/rss.txt" "$@" >"$out/last.out" 2>"$out/last.err" || rc=$?
  t1=$(date +%s%N)
  local rss user sys
  read -r rss user sys <<<"$(tail -n 1 "$out/rss.txt")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$program" "$input" \
    "$(( (t1 - t0) / 1000000 ))" "$rss" "$rc" "$user" "$sys" >>"$tsv"
  if [ "$rc" -ne 0 ]; then
    log "$program on $input exited with $rc; stderr:"
    head -n 5 "$out/last.err" >&2
  fi
}

expect_equal() { # what expected actual
  if [ "$2" != "$3" ]; then
    echo "aggregate.sh: $1 differ: expected $2, got $3 (the programs do not do the same work)" >&2
    exit 1
  fi
}

verify() { # input-folder generator-output expected-documents with-reference(true|false)
  local gen="$2" want_total="$3" want_errors
  want_errors=$(marker_value "$gen" expected_error_jobs)
  if $4; then
    "${REFERENCE[@]}" --results-dir "$1" >"$out/verify-reference.txt"
    expect_equal "reference total_jobs" "$want_total" "$(marker_value "$out/verify-reference.txt" total_jobs)"
    expect_equal "reference error_jobs" "$want_errors" "$(marker_value "$out/verify-reference.txt" error_jobs)"
  fi
  "${AGGREGATE[@]}" --results-dir "$1" "${agg_flags[@]}" --output-json "$out/verify-summary.json" \
    >/dev/null 2>"$out/verify-aggregate.err"
  local total errors
  total=$(grep -Eo '"total_jobs" *: *[0-9]+' "$out/verify-summary.json" | grep -Eo '[0-9]+$')
  errors=$(grep -Eo '"error_jobs" *: *[0-9]+' "$out/verify-summary.json" | grep -Eo '[0-9]+$')
  expect_equal "aggregate total_jobs" "$want_total" "$total"
  expect_equal "aggregate error_jobs" "$want_errors" "$errors"
  if $4 && command -v jq >/dev/null; then
    expect_equal "top 10 job ids" \
      "$(sed -n 's/^rank=[0-9]* job_id=\([^ ]*\) .*/\1/p' "$out/verify-reference.txt" | tr '\n' ' ')" \
      "$(jq -r '.top_by_pnl[].job_id' "$out/verify-summary.json" | tr '\n' ' ')"
  elif $4; then
    log "(jq not found: top ids not compared, counts only)"
  fi
  log "verified $1: the programs agree ($want_total jobs, $want_errors errors)"
}

median() { # numbers on stdin, one a line -> median (mean of the middle two when even)
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "-"; exit }
    print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

column_of() { # program input column -> that column of the matching runs, one a line
  awk -F'\t' -v p="$1" -v i="$2" -v c="$3" 'NR > 1 && $2 == p && $3 == i { print $c }' "$tsv"
}

median_of() { # program input -> "median_s min_s max_s median_rss_mb failed_runs user_s sys_s"
  local walls
  walls="$(column_of "$1" "$2" 4)"
  if [ -z "$walls" ]; then
    echo "- - - - 0 - -"
    return
  fi
  local med lo hi rss bad
  med=$(median <<<"$walls")
  lo=$(sort -n <<<"$walls" | head -n 1)
  hi=$(sort -n <<<"$walls" | tail -n 1)
  rss=$(column_of "$1" "$2" 5 | median)
  bad=$(column_of "$1" "$2" 6 | grep -cv '^0$' || true)
  local user sys
  user=$(column_of "$1" "$2" 7 | median)
  sys=$(column_of "$1" "$2" 8 | median)
  awk -v m="$med" -v l="$lo" -v h="$hi" -v r="$rss" -v b="$bad" -v u="$user" -v s="$sys" \
    'BEGIN { printf "%.3f %.3f %.3f %.0f %d %.2f %.2f\n", m / 1000, l / 1000, h / 1000, r / 1024, b, u, s }'
}

summary="$out/summary.md"
{
  echo "# aggregate benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
    "$(free -g | awk '/^Mem:/ {print $2}') GB RAM, $("$java" -version 2>&1 | head -n 1)," \
    "scratch on $(df -P "$scratch" | awk 'NR==2 {print $1}') ($(findmnt -no FSTYPE -T "$scratch" 2>/dev/null || stat -f -c %T "$scratch"))"
  echo "- aggregate: $core_jar, flags: ${agg_flags[*]:-(none)}; JVM options: all programs:" \
    "${JAVA_OPTS:-(none)}, aggregate: ${agg_java_opts[*]:-(none)}"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- speed: $runs runs per program (alternating, order rotated each round); memory: $mem_runs"
  echo "  run(s) per size; medians; wall time of the whole JVM process; CPU and peak RSS from GNU time"
} >"$summary"

# ---------------------------------------------------------------------------------------------
# Speed
if $do_speed; then
  log "warming the page cache and checking that the programs agree ..."
  "${FLOOR[@]}" --path "$dir" --threads "$threads" >/dev/null
  verify "$dir" "$out/generate-files-$files.txt" "$files" true
  empty="$scratch/empty"
  mkdir -p "$empty"
  programs=(startup floor-1 "floor-$threads" reference aggregate)
  for ((round = 1; round <= runs; round++)); do
    for ((k = 0; k < ${#programs[@]}; k++)); do
      p="${programs[$(( (k + round - 1) % ${#programs[@]} ))]}"
      case "$p" in
        startup) run_one "$round" "$p" files "${FLOOR[@]}" --path "$empty" --threads 1 ;;
        floor-1) run_one "$round" "$p" files "${FLOOR[@]}" --path "$dir" --threads 1 ;;
        floor-*) run_one "$round" "$p" files "${FLOOR[@]}" --path "$dir" --threads "$threads" ;;
        reference) run_one "$round" "$p" files "${REFERENCE[@]}" --results-dir "$dir" ;;
        aggregate)
          run_one "$round" "$p" files "${AGGREGATE[@]}" --results-dir "$dir" "${agg_flags[@]}" ;;
      esac
    done
    log "round $round/$runs done (folder)"
  done

  jsonl_bytes=0
  if [ "$jsonl_lines" -gt 0 ]; then
    jsonl_bytes=$(stat -c %s "$jsonl_file")
    "${FLOOR[@]}" --path "$jsonl_file" --threads "$threads" >/dev/null
    jprograms=(floor-1)
    if $jsonl_supported; then
      jprograms+=(aggregate)
      verify "$jsonl_dir" "$out/generate-results.jsonl.txt" "$jsonl_lines" false
    else
      log "aggregate does not read *.jsonl yet: JSON Lines measured for the floor only"
    fi
    for ((round = 1; round <= runs; round++)); do
      for ((k = 0; k < ${#jprograms[@]}; k++)); do
        p="${jprograms[$(( (k + round - 1) % ${#jprograms[@]} ))]}"
        case "$p" in
          floor-1) run_one "$round" "$p" jsonl "${FLOOR[@]}" --path "$jsonl_file" --threads 1 ;;
          aggregate)
            run_one "$round" "$p" jsonl "${AGGREGATE[@]}" --results-dir "$jsonl_dir" "${agg_flags[@]}" ;;
        esac
      done
    done
    log "JSON Lines rounds done"
  fi

  {
    echo
    echo "## Speed: $files result files ($(marker_value "$out/generate-files-$files.txt" bytes) bytes," \
      "$(marker_value "$out/generate-files-$files.txt" expected_error_jobs) broken)"
    echo
    echo "| program | median s | min s | max s | CPU user s | CPU sys s | peak RSS MB | failed runs |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for p in startup floor-1 "floor-$threads" reference aggregate; do
      read -r med lo hi rss bad user sys <<<"$(median_of "$p" files)"
      echo "| $p | $med | $lo | $hi | $user | $sys | $rss | $bad |"
    done
    read -r f1 f1lo _ _ _ f1u f1s <<<"$(median_of floor-1 files)"
    read -r fn fnlo _ <<<"$(median_of "floor-$threads" files)"
    read -r ref reflo _ _ _ refu refs <<<"$(median_of reference files)"
    read -r agg agglo _ _ _ aggu aggs <<<"$(median_of aggregate files)"
    echo
    awk -v a="$agg" -v f1="$f1" -v fn="$fn" -v r="$ref" -v t="$threads" \
      -v al="$agglo" -v f1l="$f1lo" -v fnl="$fnlo" -v rl="$reflo" \
      -v ac="$aggu+$aggs" -v fc="$f1u+$f1s" -v rc="$refu+$refs" 'BEGIN {
      split(ac, x, "+"); split(fc, y, "+"); split(rc, z, "+")
      printf "- aggregate / floor-1: **%.2f** (issue: <= 1.3; on the fastest runs: %.2f)\n", a / f1, al / f1l
      printf "- aggregate / floor-%s: **%.2f** (fastest runs: %.2f)\n", t, a / fn, al / fnl
      printf "- reference / aggregate: **%.2f** (issue: >= 2.5; fastest runs: %.2f)\n", r / a, rl / al
      printf "- CPU time (user+sys), less sensitive to other load: aggregate / floor-1 %.2f, reference / aggregate %.2f\n", \
        (x[1] + x[2]) / (y[1] + y[2]), (z[1] + z[2]) / (x[1] + x[2])
    }'
    echo "- startup = RawReadFloor on an empty folder: the JVM start and exit that every program pays"
    if [ "$jsonl_lines" -gt 0 ]; then
      echo
      echo "## Speed: JSON Lines, $jsonl_lines lines ($jsonl_bytes bytes)"
      echo
      echo "| program | median s | min s | max s | CPU user s | CPU sys s | peak RSS MB | MB/s (10^6 B) |"
      echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
      for p in floor-1 aggregate; do
        read -r med lo hi rss bad user sys <<<"$(median_of "$p" jsonl)"
        if [ "$med" = "-" ]; then
          echo "| $p | not measured: aggregate does not read *.jsonl | | | | | | |"
        else
          echo "| $p | $med | $lo | $hi | $user | $sys | $rss | $(awk -v b="$jsonl_bytes" -v s="$med" 'BEGIN {printf "%.0f", b / 1e6 / s}') |"
        fi
      done
      echo
      echo "- issue: aggregate >= 150 MB/s end to end"
    fi
  } >>"$summary"
fi

# ---------------------------------------------------------------------------------------------
# Memory
if $do_memory; then
  sizes=("$files:$dir")
  if $million; then
    sizes+=("1000000:$dir_million")
  fi
  for entry in "${sizes[@]}"; do
    n="${entry%%:*}"
    d="${entry#*:}"
    "${FLOOR[@]}" --path "$d" --threads "$threads" >/dev/null
    for ((round = 1; round <= mem_runs; round++)); do
      run_one "$round" aggregate-Xmx128m "files-$n" "${AGGREGATE_128M[@]}" --results-dir "$d" \
        "${agg_flags[@]}"
      log "memory mode: $n files, run $round/$mem_runs done"
    done
  done
  {
    echo
    echo "## Memory: aggregate with -Xmx128m"
    echo
    echo "| result files | median s | median peak RSS MB | max peak RSS MB | failed runs |"
    echo "| ---: | ---: | ---: | ---: | ---: |"
    for entry in "${sizes[@]}"; do
      n="${entry%%:*}"
      read -r med _ _ rss bad _ _ <<<"$(median_of aggregate-Xmx128m "files-$n")"
      maxrss=$(column_of aggregate-Xmx128m "files-$n" 5 | sort -n | tail -n 1)
      maxrss=$(awk -v k="${maxrss:-0}" 'BEGIN { printf "%.0f", k / 1024 }')
      echo "| $n | $med | $rss | $maxrss | $bad |"
    done
    echo
    echo "- issue: peak RSS < 256 MB at 100,000 and at 1,000,000 result files"
  } >>"$summary"
fi

echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$summary"
rm -f "$out/last.out" "$out/last.err" "$out/rss.txt"
cat "$summary"
log "raw numbers: $tsv"
