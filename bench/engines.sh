#!/usr/bin/env bash
# Issue 17's end-to-end goals for the two backtest engines: `arbtune run --engine reference` and
# `--engine fast`, alternating in the same run (ABBA order), each a whole command (JVM start,
# loading the quotes, every result document written; --parallelism 2 --quiet --no-fsync). Wall
# time from date +%s.%N; CPU time (user + sys, less sensitive to other load) and peak RSS from
# GNU time (/usr/bin/time; without it, polled from /proc). Prints every round, then the medians;
# compares the two engines' documents (runtime_seconds removed: bench.EngineDocuments) and prints
# their trade statistics. Before each timed run: sync, then SETTLE seconds (default 2), so that the
# kernel's writeback of the previous run's documents does not take CPU from the next one.
#
# Usage: bench/engines.sh [MODE] [ROUNDS]
#   sparse  the 10,000-job EUR/USD sweep (bench/engines-sparse.yaml) over the shipped month
#           (325,660 rows): goal >= 2,500 M quote-steps/s (10,000 x 325,660 / wall seconds); a
#           third run a round: fast with a warm --quotes-cache (the quotes mapped, not parsed)
#   busy    1,000 jobs over 1 M rows of a generated persistent basis (bench/engines-busy.yaml,
#           thresholds from the file's best-spread quantiles): goal fast >= 3x faster, documents
#           identical
#   goals   sparse, then busy (the default)
#   scale   the sparse grid over a generated year of 1 s quotes (31,536,000 rows, ~1.7 GB, made
#           once in bench/out/engines/): goal fast under a minute, peak RSS; the reference engine
#           on its first tenth (3,153,600 rows) only, beside the fast one on the same tenth
#   growth  how time grows with rows (0.25/0.5/1/2 M basis rows), with trades (thresholds that
#           open on 90% ... 0.01% of the rows) and with holding time (basis half-life 60/600/6000
#           rows), both engines
#           (each a uniform sample of 200 jobs of the busy grid: sampler random, seed 17)
# ROUNDS defaults to 5 (sparse), 3 (busy, goals, growth) and 1 (scale).
#
# Generated inputs stay in bench/out/engines/ (ignored by git). Each invocation writes its runs
# to a fresh folder bench/out/engines/runs/<time>/ and deletes nothing (ext4 creates files slowly
# after many recent deletions: docs/BENCHMARKS.md); remove old runs by hand between benchmarks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode="${1:-goals}"
case "$mode" in
  sparse) rounds="${2:-5}" ;;
  busy | goals | growth) rounds="${2:-3}" ;;
  scale) rounds="${2:-1}" ;;
  -h | --help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "engines.sh: unknown mode '$mode' (sparse, busy, goals, scale or growth)" >&2; exit 2 ;;
esac
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "engines.sh: ROUNDS must be a whole number >= 1" >&2; exit 2; }

bench/build.sh -DskipTests -pl arbtune-bench -am package
jar=arbtune-bench/target/benchmarks.jar
./arbtune --version > /dev/null   # the launcher's class-data archive, outside the timing
gen="bench/out/engines"
runs="$gen/runs/$(date -u +%Y%m%dT%H%M%SZ)-$mode"
mkdir -p "$runs"
tool() {  # tool CLASS ARGS...: a tool of arbtune-bench (dev.arbtune.bench.CLASS)
  local class="$1"
  shift
  java -cp "$jar" "dev.arbtune.bench.$class" "$@"
}
value() { awk -F= -v k="$1" '$1 == k { print $2 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "$(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "runs in $runs; ARBTUNE_JAVA_OPTS='${ARBTUNE_JAVA_OPTS:-}'"

# timed DIR COMMAND...: runs COMMAND, its stderr to DIR.log; sets WALL (s), CPU (user + sys, s)
# and RSS (MB, peak). Without GNU time, RSS and CPU are the last VmHWM and utime + stime read
# from /proc every 50 ms (CPU then misses the last 50 ms at most).
timed() {
  local dir="$1" t0 t1 rc=0
  shift
  # the previous run's documents (10,000 new files) are written back to disk before this one is
  # timed: otherwise the kernel's writeback of them takes CPU from it (2-5% on the sparse run)
  sync
  sleep "${SETTLE:-2}"
  t0=$(now)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M %U %S' -o "$dir.rss" "$@" 2> "$dir.log" || rc=$?
  else
    "$@" 2> "$dir.log" &
    local pid=$! hwm=0 cpu=0 v c tick
    tick=$(getconf CLK_TCK)
    while kill -0 "$pid" 2> /dev/null; do
      v=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2> /dev/null || true)
      [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm=$v
      c=$(sed 's/.*) //' "/proc/$pid/stat" 2> /dev/null | awk '{ print $12 + $13 }' || true)
      [[ -n "$c" ]] && cpu=$c
      sleep 0.05
    done
    wait "$pid" || rc=$?
    awk -v h="$hwm" -v c="$cpu" -v t="$tick" 'BEGIN { printf "%d %.2f 0\n", h, c / t }' > "$dir.rss"
  fi
  t1=$(now)
  if [[ $rc -ne 0 ]]; then
    cat "$dir.log" >&2
    echo "engines.sh: the command failed (exit $rc): $*" >&2
    exit 1
  fi
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  RSS=$(awk 'NF == 3 { v = $1 } END { printf "%.0f", v / 1024 }' "$dir.rss")
  CPU=$(awk 'NF == 3 { v = $2 + $3 } END { printf "%.2f", v }' "$dir.rss")
}

# plan YAML NAME [DATA_FILE]: writes $runs/NAME.jsonl from the session file (data_file replaced)
plan() {
  local yaml="$1" name="$2" data="${3:-}"
  if [[ -n "$data" ]]; then
    sed "s|^data_file: .*|data_file: $data|" "$yaml" > "$runs/$name.yaml"
  else
    cp "$yaml" "$runs/$name.yaml"
  fi
  ./arbtune plan --config "$runs/$name.yaml" --output "$runs/$name.jsonl" 2> "$runs/$name.plan.log" \
    || { cat "$runs/$name.plan.log" >&2; exit 1; }
}

# basis FILE ROWS [GENERATOR OPTIONS]: the generated persistent-basis file (seed 42), made once
basis() {
  local file="$1" rows="$2"
  shift 2
  if [[ ! -f "$file" ]] || [[ "$(wc -l < "$file")" -ne $((rows + 1)) ]]; then
    echo "generating $file ($rows rows) ..."
    tool gen.QuotesFileGenerator --mode basis --rows "$rows" --seed 42 "$@" --out "$file.tmp" > /dev/null
    mv "$file.tmp" "$file"
  fi
}

# quantiles FILE SHARES: the file's best-spread quantiles as a YAML list
quantiles() { tool BestSpreadQuantiles --file "$1" --shares "$2" | value values; }

# thresholds YAML VALUES: the session file with the line marked "quantiles" set to VALUES
thresholds() { sed "s|^\(    values: \)\[.*\] # quantiles|\1$2 # quantiles|" "$1"; }

# sample [YAML]: the session file (or stdin) as a uniform sample of 200 of its jobs
sample() { cat "$@"; printf 'sampler: random\nsamples: 200\nseed: 17\n'; }

# ab NAME PLAN ROWS JOBS ROUNDS [CACHE_DIR]: both engines, alternating; per-round lines, medians,
# documents. With CACHE_DIR, a third run per round: fast with `--quotes-cache CACHE_DIR`, the cache
# made before the first round (the quotes mapped instead of parsed: what a user's second sweep over
# the same file costs). Sets MED_REF, MED_FAST, MED_CACHED (wall s), MED_CPU_REF and MED_CPU_FAST
# (CPU s).
ab() {
  local name="$1" jobs_file="$2" rows="$3" jobs="$4" n="$5" cache="${6:-}" r e
  local -a refs=() fasts=() cached=() rref=() rfast=() rcached=() cref=() cfast=() ccached=()
  local steps=$((rows * jobs))
  echo "== $name: $jobs jobs x $rows rows = $steps quote-steps"
  if [[ -n "$cache" ]]; then
    head -1 "$jobs_file" > "$runs/$name-cache-warmup.jsonl"
    ./arbtune run --jobs "$runs/$name-cache-warmup.jsonl" --output-root "$runs/$name-cache-warmup" \
      --quiet --no-fsync --quotes-cache "$cache" 2> "$runs/$name-cache-warmup.log" \
      || { cat "$runs/$name-cache-warmup.log" >&2; exit 1; }
  fi
  for ((r = 1; r <= n; r++)); do
    local order=(reference fast)
    ((r % 2 == 0)) && order=(fast reference)
    if [[ -n "$cache" ]]; then
      order=(reference fast cached)
      ((r % 3 == 2)) && order=(fast cached reference)
      ((r % 3 == 0)) && order=(cached reference fast)
    fi
    local line="round $r:"
    for e in "${order[@]}"; do
      local dir="$runs/$name-$e-$r"
      local -a extra=(--engine "$e")
      [[ $e == cached ]] && extra=(--engine fast --quotes-cache "$cache")
      timed "$dir" ./arbtune run --jobs "$jobs_file" --output-root "$dir" --parallelism 2 \
        --quiet --no-fsync "${extra[@]}"
      case "$e" in
        reference) refs+=("$WALL") rref+=("$RSS") cref+=("$CPU") ;;
        fast) fasts+=("$WALL") rfast+=("$RSS") cfast+=("$CPU") ;;
        cached) cached+=("$WALL") rcached+=("$RSS") ccached+=("$CPU") ;;
      esac
      line+=$(awk -v e="$e" -v w="$WALL" -v m="$RSS" -v c="$CPU" -v s="$steps" \
        'BEGIN { printf "  %s %.3f s (%.0f M quote-steps/s; CPU %.1f s, peak RSS %d MB)", e, w, s / w / 1e6, c, m }')
    done
    echo "$line"
  done
  MED_REF=$(median "${refs[@]}")
  MED_FAST=$(median "${fasts[@]}")
  MED_CPU_REF=$(median "${cref[@]}")
  MED_CPU_FAST=$(median "${cfast[@]}")
  awk -v a="$MED_REF" -v b="$MED_FAST" -v s="$steps" -v n="$n" \
    -v ra="$(median "${rref[@]}")" -v rb="$(median "${rfast[@]}")" \
    -v ca="$(median "${cref[@]}")" -v cb="$(median "${cfast[@]}")" \
    'BEGIN { printf "median of %d: reference %.3f s (%.0f M quote-steps/s; CPU %.1f s, %d MB), fast %.3f s" \
      " (%.0f M quote-steps/s; CPU %.1f s, %d MB): fast is %.2fx the reference (%.2fx in CPU time)\n",
      n, a, s / a / 1e6, ca, ra, b, s / b / 1e6, cb, rb, a / b, ca / cb }'
  if [[ -n "$cache" ]]; then
    MED_CACHED=$(median "${cached[@]}")
    awk -v c="$MED_CACHED" -v s="$steps" -v n="$n" -v m="$(median "${rcached[@]}")" \
      -v cc="$(median "${ccached[@]}")" \
      'BEGIN { printf "median of %d: fast with --quotes-cache (warm) %.3f s (%.0f M quote-steps/s; CPU %.1f s, %d MB)\n",
        n, c, s / c / 1e6, cc, m }'
    documents "$runs/$name-cached-1" "$runs/$name-reference-1" "fast with --quotes-cache"
  fi
  documents "$runs/$name-fast-1" "$runs/$name-reference-1"
}

# documents FAST_ROOT REFERENCE_ROOT [LABEL]: trade statistics; whether the documents are identical
# (LABEL names the first run, "fast" unless given); a difference makes the script exit 1 at its end
documents() {
  local stats rc=0 label="${3:-fast}"
  stats=$(tool EngineDocuments --root "$1" --same-as "$2") || rc=$?
  echo "documents: $(echo "$stats" | value documents), errors $(echo "$stats" | value errors);" \
    "trades per job: mean $(echo "$stats" | value trades_mean), none $(echo "$stats" | value no_trade_share)" \
    "of the jobs, max $(echo "$stats" | value trades_max); mean holding $(echo "$stats" | value holding_seconds_mean) s"
  if [[ $rc -eq 0 ]]; then
    echo "$label = reference: all $(echo "$stats" | value identical) documents identical but runtime_seconds"
  else
    echo "$label != reference: $(echo "$stats" | value differing) differ, $(echo "$stats" | value missing)" \
      "missing, $(echo "$stats" | value extra) extra (first ones named above)"
    DIFFERENT=1
  fi
}

sparse() {
  plan bench/engines-sparse.yaml sparse
  ab sparse "$runs/sparse.jsonl" 325660 10000 "$rounds" "$runs/quotes-cache"
  awk -v b="$MED_FAST" -v c="$MED_CACHED" 'BEGIN { printf "goal sparse (>= 2,500 M quote-steps/s): fast %.0f M/s, %s; with a warm --quotes-cache %.0f M/s, %s\n",
    3256600000 / b / 1e6, (3256600000 / b >= 2.5e9) ? "met" : "NOT met",
    3256600000 / c / 1e6, (3256600000 / c >= 2.5e9) ? "met" : "NOT met" }'
}

busy() {
  local data="$gen/basis-1m-s42.csv" q
  basis "$data" 1000000
  q=$(quantiles "$data" 0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2,0.1,0.05)
  echo "busy thresholds (best-spread quantiles, 90% ... 5% of the rows at zero costs): $q"
  thresholds bench/engines-busy.yaml "$q" > "$runs/busy-session.yaml"
  plan "$runs/busy-session.yaml" busy "$data"
  ab busy "$runs/busy.jsonl" 1000000 1000 "$rounds"
  awk -v a="$MED_REF" -v b="$MED_FAST" 'BEGIN { printf "goal busy (fast >= 3x the reference): %.2fx, %s\n",
    a / b, (a / b >= 3) ? "met" : "NOT met" }'
}

scale() {
  local year=31536000 tenth=3153600 r
  local opts=(--basis-mean-bps 0 --basis-sd-bps 0.2 --spread-scale 10)
  basis "$gen/year-s42.csv" "$year" "${opts[@]}"
  basis "$gen/year-tenth-s42.csv" "$tenth" "${opts[@]}"  # the year's first tenth (same seed)
  sed 's/^tag_prefix: .*/tag_prefix: scale/' bench/engines-sparse.yaml > "$runs/scale-session.yaml"
  plan "$runs/scale-session.yaml" scale-tenth "$gen/year-tenth-s42.csv"
  plan "$runs/scale-session.yaml" scale "$gen/year-s42.csv"
  cat "$gen/year-s42.csv" > /dev/null  # into the page cache, as for every later run
  ab scale-tenth "$runs/scale-tenth.jsonl" "$tenth" 10000 1
  local -a walls=() rss=() cpus=()
  echo "== scale: 10,000 jobs x $year rows = $((year * 10000)) quote-steps, fast engine"
  for ((r = 1; r <= rounds; r++)); do
    timed "$runs/scale-fast-$r" ./arbtune run --jobs "$runs/scale.jsonl" \
      --output-root "$runs/scale-fast-$r" --parallelism 2 --quiet --no-fsync --engine fast
    walls+=("$WALL") rss+=("$RSS") cpus+=("$CPU")
    echo "round $r: fast $WALL s ($(awk -v w="$WALL" 'BEGIN { printf "%.0f", 315360000000 / w / 1e6 }')" \
      "M quote-steps/s; CPU $CPU s, peak RSS $RSS MB)"
  done
  local w
  w=$(median "${walls[@]}")
  echo "median of $rounds: fast $w s, CPU $(median "${cpus[@]}") s, peak RSS $(median "${rss[@]}") MB;" \
    "goal scale (under 60 s): $(awk -v w="$w" 'BEGIN { print (w < 60) ? "met" : "NOT met" }')"
  local stats
  stats=$(tool EngineDocuments --root "$runs/scale-fast-1")
  echo "documents: $(echo "$stats" | value documents), errors $(echo "$stats" | value errors);" \
    "trades per job: mean $(echo "$stats" | value trades_mean), none $(echo "$stats" | value no_trade_share)" \
    "of the jobs, max $(echo "$stats" | value trades_max); mean holding $(echo "$stats" | value holding_seconds_mean) s"
}

growth() {
  local rows f q summary=()
  local busy="$runs/growth-session.yaml"
  # the committed thresholds (seed 42, 1 M rows), kept fixed; 200 of the 1,000 jobs
  sample bench/engines-busy.yaml > "$busy"
  for rows in 250000 500000 1000000 2000000; do
    f="$gen/basis-$((rows / 1000))k-s42.csv"
    [[ $rows -eq 1000000 ]] && f="$gen/basis-1m-s42.csv"
    basis "$f" "$rows"
    plan "$busy" "rows-$rows" "$f"
    ab "rows-$rows" "$runs/rows-$rows.jsonl" "$rows" 200 "$rounds"
    summary+=("rows $rows: reference $MED_REF s (CPU $MED_CPU_REF s), fast $MED_FAST s (CPU $MED_CPU_FAST s)")
  done
  f="$gen/basis-1m-s42.csv"
  local share
  for share in 0.9 0.5 0.1 0.01 0.0001; do
    q=$(quantiles "$f" "$share" | tr -d '[]')
    # ten thresholds within 0.001 bps of the share's quantile: jobs that open on about that share
    q=$(awk -v v="$q" 'BEGIN { s = "["; for (i = 0; i < 10; i++) s = s (i ? ", " : "") sprintf("%.4f", v + i / 10000); print s "]" }')
    thresholds bench/engines-busy.yaml "$q" | sample > "$runs/trades-$share-session.yaml"
    plan "$runs/trades-$share-session.yaml" "trades-$share" "$f"
    ab "trades-$share" "$runs/trades-$share.jsonl" 1000000 200 "$rounds"
    summary+=("opens on $share of the rows: reference $MED_REF s (CPU $MED_CPU_REF s), fast $MED_FAST s (CPU $MED_CPU_FAST s)")
  done
  local hl
  for hl in 60 600 6000; do
    f="$gen/basis-1m-hl$hl-s42.csv"
    [[ $hl -eq 600 ]] && f="$gen/basis-1m-s42.csv"
    basis "$f" 1000000 --basis-half-life "$hl"
    plan "$busy" "hold-$hl" "$f"
    ab "hold-$hl" "$runs/hold-$hl.jsonl" 1000000 200 "$rounds"
    summary+=("half-life $hl rows: reference $MED_REF s (CPU $MED_CPU_REF s), fast $MED_FAST s (CPU $MED_CPU_FAST s)")
  done
  echo "== growth, medians:"
  printf '  %s\n' "${summary[@]}"
}

case "$mode" in
  sparse) sparse ;;
  busy) busy ;;
  goals) sparse; busy ;;
  scale) scale ;;
  growth) growth ;;
esac
echo "runs kept in $runs (remove by hand: rm -rf $gen/runs, when no benchmark is about to run)"
if [[ ${DIFFERENT:-0} -ne 0 ]]; then
  echo "engines.sh: the engines' documents differ (see above)" >&2
  exit 1
fi
