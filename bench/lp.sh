#!/usr/bin/env bash
# Which LP solver for the audit (issue 14): the largest hidden component of a request's audit program, solved by
# the hand-written dense BoundsProgram, OR-tools' GLOP and ojAlgo — build and phase 1, then the lowest and highest
# value of SAMPLES of its counts; the bounds are compared between the solvers.
#
#   bench/lp.sh WORK_DIR [SAMPLES]      WORK_DIR = a job's working area with cells/<job>/ (bench/disclosure.sh makes two)
#   JAVA_OPTS="-DskipMine=true -DskipOjalgo=true" bench/lp.sh …   leave out solvers that do not finish
#
# Measured 2026-12-03, 2-core machine at load ~4 (other builds running):
#   request12 (1M youth, 12 municipalities, half-years): largest component 195 counts, 189 rows, 507 non-zeros
#     BoundsProgram  phase 1 0.03 s; 40 bounds 0.05 s = 1.1 ms per bound
#     GLOP           build + first solve 0.73 s (0.7 s of it loading the native library once); 0.7 ms per bound
#     ojAlgo         cold, one model per bound: 29.3 ms per bound;   bounds that differ: 0
#   regions3p (60k youth, 3 jeugdregio's, half-years, pool 2016-2020): largest component 6,417 counts, 7,131 rows,
#   23,877 non-zeros
#     BoundsProgram  phase 1 not finished after 10 minutes (dense tableau 7,131 × ~20,000)
#     GLOP           build + first solve 1.22 s; 200 bounds 10.5 s = 52 ms per bound
#     ojAlgo         8 bounds not finished in minutes
# So: BoundsProgram for components up to 1,200 counts (samenloop.audit.exactLimit), GLOP above; ojAlgo stays the
# independent solver of `samenloop audit` and the attack tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-target-bench}
mvn -q -B -o -Dbuild.dir="$BUILD" test-compile
mvn -q -B -o -Dbuild.dir="$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD/bench.classpath" >/dev/null
OPTS=$(grep -v '^#' conf/jvm-module-options | tr '\n' ' ')
exec java -Xmx3g $OPTS ${JAVA_OPTS:-} -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.classpath")" \
    nl.samenloop.disclosure.LpBenchmark "$@"
