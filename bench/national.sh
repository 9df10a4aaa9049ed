#!/usr/bin/env bash
# National-scale benchmark of the full pipeline (issue 4): generate synthetic microdata at national size,
# then run one job with the whole indicator set (I1–I5) for all municipalities, all half-years, and
# report the time of every stage and the peak memory.
#
#   bench/national.sh                         5,000,000 youth, 2015–2024, CSV split per year
#   YOUTH=500000 bench/national.sh            a smaller run (same job)
#
# Env: YOUTH (default 5000000), YEARS (default 2015-2024), HEAP (driver heap, default 8g),
#      MASTER (default local[*]), DATA (default bench-data/national-$YOUTH, kept between runs; gitignored),
#      PARTITIONS (shuffle partitions, default 16), JAVA_OPTS (extra JVM flags, e.g. -Dsamenloop.audit.trace=true),
#      REGISTER (release register, default bench-data/work/national-register, emptied first unless KEEP_REGISTER=1),
#      RESUME=STAGE (run --from STAGE: e.g. RESUME=disclosure measures disclosure and publish again in minutes).
#
# Measured 2026-11-25 on the 2-core dev machine, 5,000,000 youth, 25.2 M input records (1.1 GB CSV), 8g heap,
# fresh ingest, all 355 municipalities + 42 regions + NL × 20 half-years × I1–I5, package scan clean:
#   ingest 3:04 · link 2:44 · indicators 2:07 · disclosure 0:47 · publish 0:41 — 9:29 wall, peak RSS 6.3 GB
#   (a run just before: 9:39 wall, peak RSS 6.8 GB)
# Measured 2026-12-03 at 09dc525 (components side by side, stage outputs written), idle machine, own empty register:
#   ingest 3:28 · link 3:45 (includes writing the linked Parquet stage output) · indicators 1:09 · disclosure 0:46
#   (secondary suppression and audit, audit PASS) · publish 0:45 — 10:00 wall, peak RSS 7.0 GB
# Measured 2026-12-03 (session 3), idle machine, own empty register, the same suppressions each time (11,692 SECONDARY,
# audit PASS):
#   linked data kept only with --keep-linked (79edaa9): ingest 3:29 · link 1:46 · indicators 2:48 · disclosure 0:53 ·
#     publish 0:52 — 9:55 wall, 6.9 GB (the cache fill the Parquet write did moved into indicators)
#   + residence for persons with care only (2d73890): ingest 3:26 · link 1:43 · indicators 2:02 · disclosure 0:59 ·
#     publish 1:00 — 9:19 wall, 8.1 GB
#   + publish on both cores (856c098): ingest 3:11 · link 1:44 · indicators 1:47 · disclosure 0:37 · publish 0:40 (write + scan
#     32 s, register 9 s) — 8:06 wall, peak RSS 7.4 GB
#   2d73890 was reverted (5aa2a12): with it, HdfsIT hung in Spark 4.0.1's adaptive execution while filling residence's
#   cache inside another cache's (see the issue 18 note). Without it indicators take about 0:45 more.
#   Final state of the session (bb98140: --keep-linked, publish on both cores): ingest 2:51 · link 1:50 · indicators
#     2:40 · disclosure 0:50 · publish 0:51 (write + scan 41 s, register 10 s) — 9:08 wall, peak RSS 7.9 GB
# Measured 2026-12-03 (session 4), idle machine, own empty register, identical disclosure summaries (11,692 SECONDARY,
# audit PASS). The machine's speed drifted by up to 45% within the hour (the same build: 6:15 and 9:09), so the two
# versions were run back to back:
#   before (13a56b4): ingest 3:25 · link 1:46 · indicators 2:57 · disclosure 1:01 · publish 1:00 — 10:16 wall, 7.8 GB,
#     steal 1.7%
#   residence for persons with care only, the persons read from the staged tables (3b30152): ingest 3:21 · link 1:48 ·
#     indicators 1:57 · disclosure 0:52 · publish 0:49 — 8:58 wall, 7.7 GB, steal 0.9%
#   the same build earlier, in a fast hour: ingest 2:17 · link 1:16 · indicators 1:22 · disclosure 0:44 · publish 0:32 —
#     6:15 wall, 7.2 GB; and later: 9:09 wall
# Measured 2026-12-04 (session 8), idle machine, own empty register, the same suppressions as every run above (PRIMARY
# 63,185, SECONDARY 11,692, audit PASS, scan clean):
#   local engine (link and I1-I5 without Spark; Spark never starts): ingest 1:42 · link 0:44 · indicators 0:08 ·
#     disclosure 0:40 · publish 0:43 — 4:02 wall, peak RSS 8.6 GB (heap 8g)
#   the same with HEAP=4g: ingest 2:13 · link 0:35 · indicators 0:06 · disclosure 1:10 · publish 0:33 — 4:40 wall, 4.4 GB
#   JAVA_OPTS=-Dsamenloop.link=spark (Spark links and computes): link 1:49 · indicators 1:35 — 7:02 wall; its cell
#     tables (72 MB, every table) are byte-identical to the local engine's (diff -r -x _stage)
#   end of the session (Spark never starts; heap checks; quality table local): ingest 1:30 · link 0:29 · indicators
#     0:06 · disclosure 0:38 · publish 0:36 — 3:19 wall, peak RSS 8.2 GB; cell tables again identical to Spark's
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/steal.sh
YOUTH=${YOUTH:-5000000}
YEARS=${YEARS:-2015-2024}
HEAP=${HEAP:-8g}
MASTER=${MASTER:-local[*]}
DATA=${DATA:-bench-data/national-$YOUTH}
BUILD=target-bench
FROM=${YEARS%%-*}
TO=${YEARS##*-}

mvn -q -B -o -Dbuild.dir="$BUILD" -DskipTests package
CP="$BUILD/samenloop.jar:$BUILD/lib/*"
OPTS=$(grep -v '^#' conf/jvm-module-options | tr '\n' ' ')

if [ ! -f "$DATA/generator-manifest.json" ]; then
  echo "== generating $YOUTH youth, $YEARS into $DATA" >&2
  /usr/bin/time -f "generate: %e s wall, max RSS %M KB" java -Xmx2g $OPTS -cp "$CP" nl.samenloop.generate.GenerateCommand \
    --out "$DATA" --youth "$YOUTH" --years "$YEARS" --format csv --split --seed 4242
fi
echo "input: $DATA ($(du -sh "$DATA" | cut -f1)); rows per file:"
find "$DATA" -name '*.csv' -printf '%P\n' | sort | while read -r f; do printf '  %-40s %12s\n' "$f" "$(($(wc -l < "$DATA/$f") - 1))"; done

mkdir -p bench-data
JOB="bench-data/national-job.yaml"
cat > "$JOB" <<YAML
name: national-benchmark
input: $DATA
output: bench-data/out/national-benchmark
work: bench-data/work/national-benchmark
classification_year: 2024
periods: {from: $FROM, to: $TO, granularity: halfyear}
geography: {levels: [municipality, region, country]}
tables:
  - indicator: wijkteam_share
  - indicator: care_share
    options: {deviation: false}
  - indicator: concurrency
  - indicator: followup
  - indicator: referral
disclosure: {profile: cbs-microdata}
YAML
rm -rf bench-data/out/national-benchmark
# A fresh release register per run: with an earlier run's release in it, this run would repeat that release's
# suppressions (EARLIER_RELEASE) and the secondary suppression would not be measured. KEEP_REGISTER=1 keeps it.
REGISTER=${REGISTER:-bench-data/work/national-register}
[ -n "${KEEP_REGISTER:-}" ] || rm -rf "$REGISTER"
# RESUME=STAGE: run --from STAGE (reusing the stage outputs of the last run) instead of a fresh ingest.
RUN_FROM=(--fresh)
[ -z "${RESUME:-}" ] || RUN_FROM=(--from "$RESUME")
LOG=$(mktemp)
echo "== running the job: all municipalities × $(( (TO - FROM + 1) * 2 )) half-years × I1–I5, heap $HEAP, master $MASTER" >&2
steal_start
/usr/bin/time -v java -Xmx"$HEAP" $OPTS ${JAVA_OPTS:-} -Dspark.master="$MASTER" -Dsamenloop.partitions="${PARTITIONS:-16}" \
  -cp "$CP" nl.samenloop.job.Cli run "$JOB" "${RUN_FROM[@]}" --register "$REGISTER" 2> "$LOG" || status=$?
sed '/Command being timed/,$d' "$LOG" | grep -v '^WARNING' >&2
# Time per stage: from the first progress line of a stage to the first line of the next one.
echo "time per stage (m:ss):"
# Ingest reports as discover / classify / stage; "done" is the end mark.
grep -E '^\[national-benchmark +[0-9]+:[0-9.]+\] ' "$LOG" | sed -E 's/^\[national-benchmark +([0-9]+):([0-9.]+)\] +([a-z]+).*/\1 \2 \3/' \
  | sed -E 's/ (discover|classify|stage)$/ ingest/' \
  | awk '{t = $1 * 60 + $2; if ($3 != s) { if (s != "") d[s] += t - t0; if (!(($3) in seen)) { order[++n] = $3; seen[$3] = 1 } s = $3; t0 = t } }
         END { for (i = 1; i <= n; i++) if (order[i] != "done") printf "  %-12s %d:%04.1f\n", order[i], int(d[order[i]] / 60), d[order[i]] % 60 }'
echo "peak memory (max RSS): $(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$LOG")"
echo "wall clock: $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$LOG")"
echo "cpu: $(awk -F': ' '/Percent of CPU/ {print $2}' "$LOG") (2 cores = 200%); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
steal_report
rm -f "$LOG"
exit "${status:-0}"
