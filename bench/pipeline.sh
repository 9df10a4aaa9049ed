#!/usr/bin/env bash
# The 1M-youth benchmark of issue 18: one job from CSV through ingest, link, indicators, disclosure and publish,
# with the time of every stage, CPU seconds and peak memory. The job is the "request12" table set: 12
# municipalities + the Netherlands, half-years, I2 (care_share, no deviation), I3 in both modes (period and
# overlap) and I4 (followup).
#
#   bench/pipeline.sh DATA                  DATA = a generated input folder, e.g. /work/bench-data/y1m
#   PROFILE=threshold1 bench/pipeline.sh DATA   disclosure with threshold 1 (so disclosure is trivial)
#
# Env: HEAP (driver heap, default 6g), MASTER (default local[*]), PARTITIONS (spark.sql.shuffle.partitions;
#      unset = the engine's default), BUILD_DIR (default target-bench), BENCH_DIR (where the job file, work and
#      output folders go; default bench-data/pipeline), JAVA_OPTS (extra JVM flags), YEARS (default 2015-2020),
#      KEEP_CELLS=DIR (copy <work>/cells/<job> there after the run, to diff cell tables between versions),
#      EVENTLOG=1 (write Spark's event log into BENCH_DIR/eventlog and print the 25 stages with the most task time
#      through bench/stages.py: rows and bytes read, shuffled and written per stage),
#      THREADCPU=1 (CPU seconds per kind of JVM thread: Spark tasks, JIT compilers, GC; bench/threadcpu.sh).
#      RUNS=N (the job N times in one JVM, as `samenloop run JOB JOB …`: the first job cold, the later ones warm;
#      with --fresh every job ingests again, with REUSE=1 only the first one may).
# Every run ingests afresh (--fresh) unless REUSE=1 (keeps the staged data of the last run: link onwards only). The machine's load average is printed before and after: on a shared
# machine compare CPU seconds (user+sys), not wall clock.
#
# Measured 2026-12-03 on the 2-core dev machine while other jobs ran (load averages 3-16, so wall clock is not
# comparable between rows; CPU seconds are), /work/bench-data/y1m: 1,000,000 youth 2015-2020, seed 4242, 4.5 M
# records, 172 MB CSV; local[*], heap 6g, 8 shuffle partitions. "executor CPU" from EVENTLOG=1 (bench/stages.py).
#   before (2bd57f7), fresh:  4:59 wall, 260 s CPU, 4.4 GB RSS (load 6.5→4.6)
#                             7:35 wall, 309 s CPU, 4.3 GB RSS (load 3→6); executor CPU ingest 65.0 s, link 48.8 s,
#                             indicators 37.6 s
#   before, REUSE=1:          6:16 wall, 179 s CPU (Spark tasks 84, C2 JIT 48, C1 9, GC 9, other 24), 4.3 GB (load 14)
#   after (speed branch), fresh: 8:24 wall, 260 s CPU, 3.6 GB RSS (load 10→9); executor CPU ingest 62.3 s, link 39.2 s,
#                             indicators 22.5 s; threads: tasks 126, C2 78, C1 13, GC 4, other 33
#   after, REUSE=1:           5:17 wall, 149 s CPU (tasks 61, C2 42, C1 9, GC 8, other 23), 2.9 GB RSS (load 16)
#   Cell tables (work/cells) byte-identical before and after. -XX:TieredStopAtLevel=1 (no C2): REUSE 196 s CPU, task
#   CPU doubled (154 s) — C2's compile time is a large fixed cost at 1M, but C1-only code is worse.
#
# Measured 2026-12-03 (session 3) on an idle machine (load ≈ 1-2 before each run), PROFILE=threshold1, fresh ingest:
#   start of session (80bdb3b):              2:10 wall, 249 s CPU, 3.5 GB; ingest 57 s, link 45 s, indicators 18 s,
#                                            publish 3.2 s (link included writing the linked Parquet)
#   end of session (linked data only with --keep-linked, publish on both cores):
#                                            1:54 wall, 220 s CPU, 3.8 GB; ingest 58 s, link 25 s, indicators 23 s,
#                                            publish 2.9 s — CSV through indicators 109 s (target 45 s)
#   The same job on 60,000 youth (/work/bench-data/y60k, 1/16 of the data): 1:00 wall, 115 s CPU — most of the 1M
#   time is a fixed cost: the JIT compilers alone spent 97 s (jdk.CompilerStatistics; 38,586 compilations) on the
#   60k run, 307 classes were generated and compiled by Spark (7.2 s in Janino). JVM flags tried at 1M, none better
#   than the default (CPU s): delayed C2 (Tier4*Threshold ×4) 299 vs 294 base, smaller inlining 274 vs 249,
#   spark.sql.codegen.wholeStage=false 382 vs 294, codegen cache 4000 entries 259 vs 249.
# Measured 2026-12-03 (session 4), idle machine, PROFILE=threshold1, at 3b30152 (this job does not read residence, so
# that change leaves it alone): 1:59, 2:08 and 2:34 wall for the same build within half an hour (ingest 58-88 s), and
# 1:29 once in a fast spell. Steal is now printed (bench/steal.sh) but stayed small: the drift is the host's. Compare
# versions only back to back, several runs each.
# Measured 2026-12-04 (session 7), idle machine, PROFILE=threshold1, fresh ingest, cell tables byte-identical to 16b6850's
# (diff -r -x _stage) in every run:
#   16b6850 (Spark ingests):                 1:41-1:50 wall (last session); ingest 48-55 s, link 18-23, indicators 18-26
#   the same build with -Dsamenloop.ingest=spark: 1:48.5; ingest 54.7 s, link 22.1, indicators 22.9
#   LocalIngest (35b7e70, 31ed38e):          1:20.2, 1:26.7 and 1:27.2 wall (1:42.6 once in a slow spell of the host,
#                                            every stage slower); ingest 19.1-22.3 s, link 29.3-31.0, indicators 22.9-24.3,
#                                            publish 2.9-4.6; peak RSS 3.3-3.5 GB (was 3.5-4.4)
#   CSV through indicators: 71-77 s (target 45 s). Link got slower by what ingest no longer warms up for it: a cold
#   link (REUSE=1) took 34.6 s on LocalIngest's staging and 30.9 s on Spark's, so the JIT and generated-code costs
#   Spark's ingest paid now fall to link and indicators.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/steal.sh
DATA=${1:?usage: bench/pipeline.sh DATA}
DATA=$(cd "$DATA" && pwd)
HEAP=${HEAP:-6g}
MASTER=${MASTER:-local[*]}
BUILD=${BUILD_DIR:-target-bench}
BENCH=${BENCH_DIR:-bench-data/pipeline}
PROFILE=${PROFILE:-cbs-microdata}
YEARS=${YEARS:-2015-2020}
FROM=${YEARS%%-*}
TO=${YEARS##*-}

mvn -q -B -o -Dbuild.dir="$BUILD" -DskipTests package
CP="$BUILD/samenloop.jar:$BUILD/lib/*"
OPTS=$(grep -v '^#' conf/jvm-module-options | tr '\n' ' ')

mkdir -p "$BENCH"
BENCH=$(cd "$BENCH" && pwd)
CONF=conf
if [ "$PROFILE" = threshold1 ]; then
  CONF="$BENCH/conf-threshold1"
  rm -rf "$CONF" && cp -r conf "$CONF"
  sed -i 's/^threshold: .*/threshold: 1/; s/^zero_is_safe: .*/zero_is_safe: true/; s/^ledger_check: .*/ledger_check: false/' \
    "$CONF/disclosure/cbs-microdata.yaml"
fi
NAME=pipeline-bench
JOB="$BENCH/$NAME.yaml"
cat > "$JOB" <<YAML
name: $NAME
input: $DATA
output: $BENCH/out
work: $BENCH/work
classification_year: $TO
periods: {from: $FROM, to: $TO, granularity: halfyear}
geography: {levels: [municipality, country], municipalities: [GM0432, GM0946, GM0184, GM1690, GM0214, GM1652, GM0163, GM0299, GM0988, GM0345, GM1783, GM0599]}
tables:
  - indicator: care_share
    options: {deviation: false}
  - {indicator: concurrency, name: concurrency-period, options: {concurrency: period}}
  - {indicator: concurrency, name: concurrency-overlap, options: {concurrency: overlap}}
  - indicator: followup
disclosure: {profile: cbs-microdata}
YAML
FRESH=(--fresh)
JOBS=()
for ((i = 0; i < ${RUNS:-1}; i++)); do JOBS+=("$JOB"); done
if [ "${REUSE:-0}" = 1 ]; then
  FRESH=()   # staged data of an earlier run on the same input is reused: ingest is skipped
  find "$BENCH/work" -mindepth 1 -maxdepth 1 ! -name staging ! -name quality ! -name rejects -exec rm -rf {} +; rm -rf "$BENCH/out"
else
  rm -rf "$BENCH/out" "$BENCH/work"
fi
echo "input: $DATA ($(du -sh "$DATA" | cut -f1)); profile $PROFILE; heap $HEAP; master $MASTER; partitions ${PARTITIONS:-default}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LOG=$(mktemp)
PART=()
[ -n "${PARTITIONS:-}" ] && PART=(-Dsamenloop.partitions="$PARTITIONS")
if [ "${EVENTLOG:-0}" = 1 ]; then
  rm -rf "$BENCH/eventlog" && mkdir -p "$BENCH/eventlog"
  PART+=(-Dspark.eventLog.enabled=true -Dspark.eventLog.dir="file://$BENCH/eventlog" -Dspark.eventLog.rolling.enabled=false -Dspark.eventLog.compress=false)
fi
steal_start
/usr/bin/time -v java -Xmx"$HEAP" $OPTS ${JAVA_OPTS:-} -Dspark.master="$MASTER" "${PART[@]}" \
  -cp "$CP" nl.samenloop.job.Cli --conf "$CONF" run "${JOBS[@]}" "${FRESH[@]}" 2> "$LOG" &
TIMEPID=$!
THREADLOG=$(mktemp)
if [ "${THREADCPU:-0}" = 1 ]; then
  sleep 1
  bench/threadcpu.sh "$(pgrep -P "$TIMEPID" java | head -1)" > "$THREADLOG" &
fi
wait "$TIMEPID" || status=$?
wait
sed '/Command being timed/,$d' "$LOG" | grep -v '^WARNING' >&2
# Per job of the batch (RUNS > 1: the same job again in the same JVM; each job's clock starts at 0:00 on its "plan" line).
grep -E "^\[$NAME +[0-9]+:[0-9.]+\] " "$LOG" | sed -E "s/^\[$NAME +([0-9]+):([0-9.]+)\] +([a-z]+).*/\1 \2 \3/" \
  | sed -E 's/ (discover|classify|stage)$/ ingest/' \
  | awk '$3 == "plan" && s != "" { flush() } { t = $1 * 60 + $2; if ($3 != s) { if (s != "") d[s] += t - t0; if (!(($3) in seen)) { order[++n] = $3; seen[$3] = 1 } s = $3; t0 = t } }
         function flush() { run++; printf "time per stage (m:ss)%s:\n", (run > 1 || multi) ? " of job " run : ""; total = 0
           for (i = 1; i <= n; i++) if (order[i] != "done") { printf "  %-12s %d:%04.1f\n", order[i], int(d[order[i]] / 60), d[order[i]] % 60; total += d[order[i]] }
           printf "  %-12s %d:%04.1f\n", "(job)", int(total / 60), total % 60
           delete d; delete seen; delete order; n = 0; s = "" }
         BEGIN { multi = '"${RUNS:-1}"' > 1 } END { if (s != "") flush() }'
echo "wall clock: $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$LOG")"
echo "cpu: $(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.0f", s}' "$LOG") s user+sys ($(awk -F': ' '/Percent of CPU/ {print $2}' "$LOG"); 2 cores = 200%)"
echo "peak memory (max RSS): $(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$LOG")"
steal_report
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$THREADLOG"; rm -f "$THREADLOG"
if [ "${EVENTLOG:-0}" = 1 ]; then
  echo "stages with the most task time (event log in $BENCH/eventlog):"
  python3 bench/stages.py "$(ls -t "$BENCH"/eventlog/local-* | head -1)" --top 25
fi
if [ -n "${KEEP_CELLS:-}" ]; then
  rm -rf "$KEEP_CELLS" && mkdir -p "$(dirname "$KEEP_CELLS")" && cp -r "$BENCH/work/cells/$NAME" "$KEEP_CELLS"
  echo "cell tables copied to $KEEP_CELLS"
fi
rm -f "$LOG"
exit "${status:-0}"
