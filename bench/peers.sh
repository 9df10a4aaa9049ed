#!/usr/bin/env bash
# Samenloop side by side with a peer on one generated data set (issue 18): the same indicators — I2 care_share,
# I3 concurrency in period and overlap mode, I4 followup, per half-year, 12 municipalities + the Netherlands —
# as plain DuckDB SQL written from the spec (bench/peers.sql, run through DuckDB's JDBC driver by bench/Peers.java),
# their counts compared one for one with Samenloop's cell tables, wall clock, CPU and peak memory of both.
#
#   bench/peers.sh DATA                 e.g. /work/bench-data/y1m (1M youth, 2015-2020)
#   YEARS=2015-2024 bench/peers.sh DATA   national size (bench/national.sh's data: 5M youth, 2015-2024)
#
# Samenloop runs through bench/pipeline.sh (its env applies: HEAP, PROFILE, PARTITIONS, BENCH_DIR, ...); the peer
# with DUCKDB_THREADS threads (default 2) and a JVM heap of PEER_HEAP (default 1g; DuckDB's own memory is native).
# DuckDB's driver comes from Maven Central through the pom's `bench` profile (test scope, never shipped); the
# first run needs the registry, later runs use ~/.m2. Exit status 1 when any count differs.
#
# Measured 2026-12-04, idle 2-core machine, PROFILE=threshold1, /work/bench-data/y1m (1M youth, 2015-2020, 4.5 M records):
#   before the local engine (16b6850, Spark links and computes): samenloop 1:18.6 (ingest 19.0, link 26.5, indicators 24.4)
#   local engine (Spark never starts):  samenloop 0:33.5, 62 s CPU, 3.3 GB (ingest 21.4, link 6.1, indicators 1.4,
#                                       disclosure 0.4, publish 2.6) · duckdb 13.4 s, 24.6 s CPU, 1.6 GB (read 3.5,
#                                       link 6.2, indicators 2.1) · 4,524 counts, all equal
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: bench/peers.sh DATA}
DATA=$(cd "$DATA" && pwd)
YEARS=${YEARS:-2015-2020}
FROM=${YEARS%%-*}
TO=${YEARS##*-}
MUNICIPALITIES=GM0432,GM0946,GM0184,GM1690,GM0214,GM1652,GM0163,GM0299,GM0988,GM0345,GM1783,GM0599
BENCH=${BENCH_DIR:-bench-data/pipeline}
PEER_LIB=target-peers/duckdb

if ! ls "$PEER_LIB"/duckdb_jdbc-*.jar >/dev/null 2>&1; then
  mvn -q -B -Pbench -Dbuild.dir=target-peers dependency:copy-dependencies -DincludeArtifactIds=duckdb_jdbc \
    -DoutputDirectory="$PEER_LIB"
fi
DUCKDB_JAR=$(ls "$PEER_LIB"/duckdb_jdbc-*.jar | head -1)

echo "== Samenloop (bench/pipeline.sh): $DATA, $YEARS"
SAMENLOOP_LOG=$(mktemp)
YEARS=$YEARS KEEP_CELLS="$BENCH/peers-cells" bench/pipeline.sh "$DATA" 2>/dev/null | tee "$SAMENLOOP_LOG"

echo "== DuckDB $(basename "$DUCKDB_JAR" .jar) (bench/peers.sql), ${DUCKDB_THREADS:-2} threads"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PEER_TIME=$(mktemp)
status=0
/usr/bin/time -o "$PEER_TIME" -f '%e %U %S %M' java -Xmx"${PEER_HEAP:-1g}" -Dthreads="${DUCKDB_THREADS:-2}" \
  -cp "$DUCKDB_JAR" bench/Peers.java "$DATA" "$TO" "$FROM" "$TO" "$MUNICIPALITIES" "$BENCH/peers-duckdb.csv" \
  "$BENCH/peers-cells" || status=$?
read -r wall user sys rss < "$PEER_TIME"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== side by side ($(basename "$DATA"), $YEARS; 12 municipalities + NL, half-years, I2 + I3 ×2 + I4)"
printf '  %-10s %-14s %-16s %s\n' tool wall "cpu (user+sys)" "peak RSS"
printf '  %-10s %-14s %-16s %s\n' samenloop "$(awk -F': ' '/^wall clock/ {print $2}' "$SAMENLOOP_LOG")" \
  "$(awk '/^cpu:/ {print $2 " s"}' "$SAMENLOOP_LOG")" "$(awk -F': ' '/^peak memory/ {print $2}' "$SAMENLOOP_LOG")"
printf '  %-10s %-14s %-16s %s\n' duckdb "${wall} s" "$(echo "$user + $sys" | bc) s" "$((rss / 1024)) MB"
rm -f "$SAMENLOOP_LOG" "$PEER_TIME"
exit $status
