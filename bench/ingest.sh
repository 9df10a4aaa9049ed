#!/usr/bin/env bash
# Ingest benchmark: rows/s and peak memory (RSS) of one ingest run.
#
#   bench/ingest.sh INPUT_DIR            ingest any input folder (CBS-style tables)
#   bench/ingest.sh                      generate one first with nl.samenloop.generate:
#       YOUTH=200000 YEARS=2015-2020 FORMAT=csv FAULTS=0.02 bench/ingest.sh
#
# Env: HEAP (driver heap, default 4g), MASTER (default local[*]), BUILD_DIR (default target-ingest),
#      PARTITIONS (shuffle partitions, default 8), JAVA_OPTS (extra JVM flags; -Dsamenloop.ingest=spark makes Spark
#      ingest the CSV tables as well, to compare the engines: LocalIngest, docs/cluster.md).
#
# Measured on the 2-core dev machine (local[*], -Xmx4g, generated CSV, 2% faults, JGDHULPBUS as 7 yearly
# files with a 2015 V2), 2026-11-25:
#   YOUTH=100000: 454,039 records (18 MB)   in  70 s → 6,470 records/s, peak RSS 1.36 GB (machine idle)
#                                             268 s / 468 s under load averages 13–28 from other builds
#   YOUTH=300000: 1,361,754 records (54 MB) in 170 s → 8,007 records/s, peak RSS 1.81 GB (load ~6)
# 2026-11-25, same machine, before the ingest-speed branch (6 Spark jobs per table + one zipWithIndex job per
# CSV file, single-stage generated code too large for the JIT):
#   YOUTH=300000: 1,361,754 records in 89 s → 15,300 records/s, peak RSS 1.84 GB (load ~2-5); a rerun with the
#                 event log on: 148 s wall, 150 s CPU. National scale not run before: extrapolated ~27 min
#                 (25.2M records at 15k records/s) to ~52 min (at the 8k records/s above).
# 2026-11-25, after (one shuffle and 4 jobs per table, counts from the writes, row numbers without
# zipWithIndex, every generated stage small enough to be JIT-compiled), HEAP=8g:
#   YOUTH=300000: same report; 88-124 s wall, 96-115 s CPU under load averages 5-8 (fixed costs dominate)
#   national, /work/bench-data/national-5000000 (5,000,000 youth 2015-2024, CSV, JGDHULPBUS as 10 yearly
#   files, no faults): 25,174,540 records (1.1 GB) in 7:45 wall → 54,100 records/s, 433 s CPU (93% of one
#   core: the machine was shared, load average 4-6 throughout), peak RSS 4.70 GB. Per table: JGDHULPBUS
#   5.29M 2:42 incl. Spark start, GBAPERSOONTAB 5.0M 1:08, GBAADRESOBJECTBUS 11.1M 2:25, VSLGWBTAB 3.5M 1:01.
# 2026-12-04 (session 7), idle machine, HEAP=4g, LocalIngest (CSV read in the driver JVM, one table per core) against
# Spark's ingest of the same build (JAVA_OPTS=-Dsamenloop.ingest=spark), run alternately, JVM start to exit:
#   /work/bench-data/y1m (1M youth 2015-2020, 4,535,677 records, 172 MB, no faults):
#     LocalIngest 24.3 / 26.1 s wall, 44 / 48 s CPU, peak RSS 2.7 / 2.8 GB (≈180,000 records/s)
#     Spark       60.1 / 62.0 s wall, 113 / 116 s CPU, peak RSS 1.7 / 2.5 GB
#   YOUTH=200000 (907,353 records, 2% faults): LocalIngest 10.2 s, 18 s CPU, 0.9 GB; Spark 40.9 s, 77 s CPU, 1.3 GB
#   national (bench/national.sh, 25.2 M records, 1.1 GB, heap 8g): ingest stage 2:02 with LocalIngest (2:26 with Spark
#     on the same machine the session before).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-target-ingest}
HEAP=${HEAP:-4g}
MASTER=${MASTER:-local[*]}

mvn -q -B -o -Dbuild.dir="$BUILD" compile
[ -f "$BUILD/cp.txt" ] || mvn -q -B -o -Dbuild.dir="$BUILD" dependency:build-classpath -Dmdep.outputFile="$BUILD/cp.txt" >/dev/null
CP="$BUILD/classes:$(cat "$BUILD/cp.txt")"
# Module flags Spark 4 needs on Java 17 (same as pom.xml spark.module.opts).
OPTS=$(sed -n 's:.*<spark.module.opts>\(.*\)</spark.module.opts>.*:\1:p' pom.xml)

INPUT=${1:-}
if [ -z "$INPUT" ]; then
  YOUTH=${YOUTH:-200000}; YEARS=${YEARS:-2015-2020}; FORMAT=${FORMAT:-csv}; FAULTS=${FAULTS:-0.02}
  INPUT="$BUILD/bench-input/y${YOUTH}-${YEARS}-${FORMAT}-f${FAULTS}"
  if [ ! -d "$INPUT" ]; then
    echo "generating $INPUT" >&2
    java -Xmx${HEAP} $OPTS -cp "$CP" nl.samenloop.generate.GenerateCommand --out "$INPUT" --youth "$YOUTH" \
      --years "$YEARS" --format "$FORMAT" --faults "$FAULTS" --v2 "${YEARS%%-*}" >&2
  fi
fi
WORK="$BUILD/bench-work"
rm -rf "$WORK"
echo "input: $INPUT ($(du -sh "$INPUT" | cut -f1) on disk)"
find "$INPUT" -type f \( -name '*.csv' -o -name '*.sav' -o -name '*.parquet' \) -printf '  %P %s bytes\n' | sort

TIMELOG=$(mktemp)
/usr/bin/time -v java -Xmx"$HEAP" $OPTS ${JAVA_OPTS:-} -Dspark.master="$MASTER" -Dsamenloop.partitions="${PARTITIONS:-8}" \
  -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
  -cp "$CP" nl.samenloop.job.Cli --conf conf ingest --input "$INPUT" --work "$WORK" 2> "$TIMELOG" || status=$?
# Progress lines (stderr) without /usr/bin/time's own report, which starts at "Command being timed".
sed '/Command being timed/,$d' "$TIMELOG" >&2
echo "peak memory (max RSS): $(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$TIMELOG")"
echo "wall clock: $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TIMELOG")"
echo "cpu: $(awk -F': ' '/Percent of CPU/ {print $2}' "$TIMELOG") of one core, $(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.0f", s}' "$TIMELOG") s user+sys (less sensitive to other load than wall clock); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
RECORDS=$(find "$WORK" -path '*quality*' -name 'report.csv' -exec awk -F, 'NR > 1 && $2 == "records_read" {s += $3} END {print s + 0}' {} + 2>/dev/null | head -1)
echo "records read (data-quality report): ${RECORDS:-unknown}; divide by the wall clock for records/s (JVM start to exit)"
rm -f "$TIMELOG"
exit "${status:-0}"
