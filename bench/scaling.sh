#!/usr/bin/env bash
# Issue 18 "doubling the youth doubles the time at most ×2.2": runs bench/pipeline.sh (the request12 job: I2, I3 ×2,
# I4, 12 municipalities + NL, half-years 2015-2020) on 1M, 2M and 4M generated youth and prints one line per size
# with wall clock, CPU seconds, peak RSS and the ratio to the size before.
#
#   bench/scaling.sh                   sizes 1000000 2000000 4000000
#   SIZES="500000 1000000" bench/scaling.sh
#
# Data: $ROOT/y<N> (ROOT default bench-data; generated with seed 4242 as /work/bench-data/y1m was, when absent).
# Env: ROOT, SIZES, HEAP (pipeline heap, default 8g), BUILD_DIR (default target-bench), and pipeline.sh's own.
# Run it on an idle machine: the ratios of wall clock are only meaningful without other load (the load
# average is printed per size; compare CPU seconds otherwise).
#
# Measured 2026-12-03 at b96d6a0, idle machine, ROOT=/work/bench-data (shipped profile cbs-microdata, heap 8g):
#   youth      wall_s  ×prev   cpu_s  ×prev   peak RSS
#   1000000       127      -     244      -   3571 MB
#   2000000       172   1.35     326   1.34   4135 MB
#   4000000       275   1.60     526   1.61   4999 MB
# Measured 2026-12-04 at the local engine (ingest, link and I1-I5 without Spark; Spark never starts), idle machine,
# same data and profile:
#   youth      wall_s  ×prev   cpu_s  ×prev   peak RSS
#   1000000        35      -      64      -   3879 MB
#   2000000        64   1.81     116   1.81   6167 MB
#   4000000       112   1.76     206   1.78   7715 MB
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${ROOT:-bench-data}
SIZES=${SIZES:-1000000 2000000 4000000}
BUILD=${BUILD_DIR:-target-bench}
mvn -q -B -o -Dbuild.dir="$BUILD" -DskipTests package
OPTS=$(grep -v '^#' conf/jvm-module-options | tr '\n' ' ')
RESULTS=$(mktemp)
for n in $SIZES; do
  name=y$((n / 1000000))m
  [ "$n" -lt 1000000 ] && name=y$((n / 1000))k
  DATA="$ROOT/$name"
  if [ ! -f "$DATA/generator-manifest.json" ]; then
    echo "== generating $n youth into $DATA" >&2
    java -Xmx2g $OPTS -cp "$BUILD/samenloop.jar:$BUILD/lib/*" nl.samenloop.generate.GenerateCommand \
      --out "$DATA" --youth "$n" --years 2015-2020 --format csv --split --seed 4242 >&2
  fi
  echo "== $n youth ($DATA)" >&2
  out=$(HEAP=${HEAP:-8g} BUILD_DIR="$BUILD" BENCH_DIR="$ROOT/scaling-$name" bench/pipeline.sh "$DATA" 2>/dev/null)
  echo "$out" >&2
  wall=$(echo "$out" | awk -F': ' '/^wall clock/ {print $2}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  cpu=$(echo "$out" | awk '/^cpu:/ {print $2}')
  rss=$(echo "$out" | awk -F': ' '/^peak memory/ {print $2}')
  load=$(echo "$out" | awk -F': ' '/^load average after/ {print $2}')
  echo "$n $wall $cpu $rss|$load" >> "$RESULTS"
done
echo "youth      wall_s  ×prev   cpu_s  ×prev   peak RSS   load after"
awk '{ split($0, a, "|"); split(a[1], f, " ");
       rw = (pw > 0) ? sprintf("%.2f", f[2] / pw) : "-"; rc = (pc > 0) ? sprintf("%.2f", f[3] / pc) : "-";
       printf "%-10s %6.0f  %5s  %6s  %5s   %-9s  %s\n", f[1], f[2], rw, f[3], rc, f[4] " " f[5], a[2]; pw = f[2]; pc = f[3] }' "$RESULTS"
rm -f "$RESULTS"
