#!/usr/bin/env bash
# Generates synthetic microdata at national scale into bench-data/ (gitignored) and prints throughput.
#
#   bench/generate.sh                      # 5,000,000 youth, 2015–2024, CSV, JGDHULPBUS per year
#   YOUTH=500000 bench/generate.sh         # reduced scale
#   FORMAT=parquet YEARS=2015-2020 bench/generate.sh
#   KEEP=1 bench/generate.sh               # keep the files (default: delete them after measuring)
#
# Memory stays bounded (persons are streamed in chunks): the default heap is 1 GB whatever YOUTH is.
# Environment: YOUTH, YEARS, FORMAT, SEED, THREADS, HEAP, BUILD_DIR (default target), KEEP.
set -euo pipefail
cd "$(dirname "$0")/.."
YOUTH=${YOUTH:-5000000}
YEARS=${YEARS:-2015-2024}
FORMAT=${FORMAT:-csv}
SEED=${SEED:-20240101}
THREADS=${THREADS:-0}
HEAP=${HEAP:-1g}
BUILD_DIR=${BUILD_DIR:-target}
OUT=bench-data/national-${YOUTH}-${FORMAT}

if [ ! -d "$BUILD_DIR/classes/nl/samenloop/generate" ]; then
  mvn -q -B -o -Dbuild.dir="$BUILD_DIR" compile
fi
CP_FILE="$BUILD_DIR/generate-classpath.txt"
if [ ! -s "$CP_FILE" ]; then
  mvn -q -B -o -Dbuild.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
CP="$BUILD_DIR/classes:$(cat "$CP_FILE")"

mkdir -p "$OUT"
START=$(date +%s.%N)
/usr/bin/time -v java -Xmx"$HEAP" -cp "$CP" nl.samenloop.generate.GenerateCommand \
  --out "$OUT" --youth "$YOUTH" --years "$YEARS" --format "$FORMAT" --seed "$SEED" --threads "$THREADS" \
  --split --v2 "${YEARS%-*}" 2> >(tee "$OUT.log" >&2)
END=$(date +%s.%N)

ROWS=$(grep -o '"rows": [0-9]*' "$OUT/generator-manifest.json" | awk '{s+=$2} END {print s}')
BYTES=$(du -sb "$OUT" | cut -f1)
SECS=$(echo "$END - $START" | bc -l)
MAXRSS=$(grep 'Maximum resident set size' "$OUT.log" | awk '{print $NF}')
CPU=$(grep -E 'User time|System time' "$OUT.log" | awk '{s+=$NF} END {print s}')
printf 'youth=%s years=%s format=%s rows=%s bytes=%s seconds=%.1f rows/s=%.0f MB/s=%.1f cpu_s=%.1f max_rss_MB=%.0f\n' \
  "$YOUTH" "$YEARS" "$FORMAT" "$ROWS" "$BYTES" "$SECS" "$(echo "$ROWS / $SECS" | bc -l)" \
  "$(echo "$BYTES / $SECS / 1000000" | bc -l)" "$CPU" "$(echo "$MAXRSS / 1024" | bc -l)"
if [ "${KEEP:-0}" != "1" ]; then
  rm -rf "$OUT"
fi
