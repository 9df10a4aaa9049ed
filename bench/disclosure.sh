#!/usr/bin/env bash
# Disclosure control at the size of real requests (issue 14): time per disclosure step, programs solved,
# secondary suppressions, information loss and peak memory, on the cell tables of two custom-table requests.
#
#   bench/disclosure.sh                 generate the data if missing, run both requests, benchmark disclosure
#   bench/disclosure.sh --cells-only    only the disclosure benchmark, on cells an earlier run left
#
# The requests (all with profile cbs-microdata, half-years 2015-2020):
#   request12  1,000,000 generated youth (seed 4242); 12 municipalities + the Netherlands; care_share (no
#              deviation), concurrency (period), concurrency (overlap), followup — the request of issue 14.
#   regions3p  60,000 generated youth (seed 4242); jeugdregio's JZ29, JZ24, JZ17 with their municipalities and the
#              Netherlands; the same four tables and a pool 2016-2020 — small areas × half-years × a pool: nearly
#              everything is small, so the hidden counts form components of thousands.
# Each request is run end to end once (`samenloop run`, which writes the indicators' cell tables to
# <work>/cells/<job>); then DisclosureBenchmark protects those cells alone (no Spark) under /usr/bin/time.
#
# Env: BENCH_DIR (data, jobs, work, output; default bench-data/disclosure), BUILD_DIR (default target-bench),
#      HEAP (default 3g), JAVA_OPTS (e.g. -Dsamenloop.suppression.trace=true for every round).
#
# Measured 2026-12-03 on the 2-core dev machine (load 2-5 from other builds; CPU seconds in brackets):
#   request12: 13,224 counts, 22,368 relations; disclosure 1.9 s wall (4.2 s CPU incl. start-up), 8 rounds,
#              7,072 component programs (9.3 s when neighbourhood programs ran for small components too); suppressed MIN_PERSONS 3,244, ZERO 2,051,
#              LEDGER_DIFFERENCE 572, SECONDARY 644; 4,450 of 11,100 published rows shown (40.1 %); audit PASS;
#              peak RSS 0.7 GB. (Main before the joint problem: stopped after 19 minutes unfinished.)
#   regions3p: 14,326 counts, 25,334 relations, largest hidden component 6,417 counts; 348 s wall (268 s CPU),
#              26 rounds, 7,119 component programs (GLOP above 1,200 counts), 57,152 neighbourhood programs;
#              suppressed MIN_PERSONS 4,265, ZERO 5,638, LEDGER_DIFFERENCE 145, SECONDARY 386; 1,251 of 12,025
#              rows shown (10.4 %); audit PASS; peak RSS 1.5 GB. With neighbourhood programs only above 3,000
#              counts: 379 s wall at load ~3 (269 s CPU, the same), 8,496 component and 39,280 neighbourhood
#              programs, the same suppressions.
#   national (bench/national.sh data, 5M youth, 2015-2024, I1-I5, 262,480 counts, 384,360 relations), the
#              cells alone: 63.9 s wall (7.6 canonical keys, 3.0 primary, 51.9 secondary + audit in 6 rounds),
#              81,337 component programs, 11,470 secondary, 65.0 % of rows shown, peak RSS 4.6 GB (with neighbourhood
#              programs for components above 300 counts: 132 s; the whole pipeline's disclosure stage then 2:22). (Before: not finished in 30 minutes; with
#              neighbourhood programs alone and the dense BoundsProgram: refused, a neighbourhood too small.)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH_DIR:-bench-data/disclosure}
BUILD=${BUILD_DIR:-target-bench}
HEAP=${HEAP:-3g}
mkdir -p "$BENCH"
BENCH=$(cd "$BENCH" && pwd)

mvn -q -B -o -Dbuild.dir="$BUILD" -DskipTests package
mvn -q -B -o -Dbuild.dir="$BUILD" test-compile
mvn -q -B -o -Dbuild.dir="$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD/bench.classpath" >/dev/null
OPTS=$(grep -v '^#' conf/jvm-module-options | tr '\n' ' ')
RUN_CP="$BUILD/samenloop.jar:$BUILD/lib/*"
TEST_CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.classpath")"

generate() { # folder youth
  if [ ! -d "$1" ]; then
    echo "== generating $2 youth into $1"
    java -Xmx2g $OPTS -cp "$RUN_CP" nl.samenloop.generate.GenerateCommand --out "$1" --youth "$2" \
        --years 2015-2020 --format csv --split --seed 4242
  fi
}

TABLES='tables:
  - indicator: care_share
    options: {deviation: false}
  - {indicator: concurrency, name: concurrency-period, options: {concurrency: period}}
  - {indicator: concurrency, name: concurrency-overlap, options: {concurrency: overlap}}
  - indicator: followup
disclosure: {profile: cbs-microdata}'

job() { # name data geography [extra]
  cat > "$BENCH/$1.yaml" <<YAML
name: $1
input: $2
output: $BENCH/out/$1
work: $BENCH/work/$1
classification_year: 2020
periods: {from: 2015, to: 2020, granularity: halfyear}
geography: $3
${4:-}
$TABLES
YAML
}

if [ "${1:-}" != --cells-only ]; then
  generate "$BENCH/y1m" 1000000
  generate "$BENCH/y60k" 60000
  job request12 "$BENCH/y1m" "{levels: [municipality, country], municipalities: [GM0432, GM0946, GM0184, GM1690, GM0214, GM1652, GM0163, GM0299, GM0988, GM0345, GM1783, GM0599]}"
  job regions3p "$BENCH/y60k" "{levels: [municipality, region, country], regions: [JZ29, JZ24, JZ17]}" \
      "pools: [{from: 2016, to: 2020}]"
  for j in request12 regions3p; do
    echo "== samenloop run $j (end to end; its disclosure stage is what is benchmarked below)"
    /usr/bin/time -f "   run: %e s wall, %U s user, peak RSS %M KB" \
      java -Xmx6g $OPTS -cp "$RUN_CP" nl.samenloop.job.Cli run "$BENCH/$j.yaml" --replace \
        --register "$BENCH/register-$j-$(date +%s)" 2>&1 | grep -E "disclosure|done|run:|audit" || true
  done
fi

for j in request12 regions3p; do
  echo "== disclosure of $j alone (load before: $(cut -d' ' -f1 /proc/loadavg))"
  /usr/bin/time -f "   %e s wall, %U s user, peak RSS %M KB" \
    java -Xmx"$HEAP" $OPTS ${JAVA_OPTS:-} -cp "$TEST_CP" nl.samenloop.disclosure.DisclosureBenchmark "$BENCH/work/$j"
done
