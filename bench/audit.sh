#!/usr/bin/env bash
# Benchmark of disclosure control (suppression + LP audit) on the largest standard I2 table:
# 355 municipalities + unknown, 42 regions, the Netherlands × 20 half-years × (7 groups + population).
# Usage: bench/audit.sh [seed]                        I2, as above
#        bench/audit.sh i3 [seed] [youth] [half-years]  I3 concurrency (youth per municipality, default 6000)
#        bench/audit.sh i4 [seed] [youth] [half-years]  I4 follow-up; 2750 gives the national run's cohorts
# BUILD_DIR defaults to target-disclosure; needs dependencies in ~/.m2. JAVA_OPTS is passed to the JVM
# (-Dsamenloop.audit.trace=true prints every suppression round and component).
#
# 63,840 counts, 4,775 suppressed, on the 2-core dev machine, 2026-11-25:
#   Commons Math SimplexSolver, one cold solve per bound: suppression + audit 11.9 s (load ~20), 10,274 LPs
#   BoundsProgram, warm-started:                          1.41 s wall (load 2.0), 10,274 LPs
#   + witnesses / implied bounds / narrow-only rounds:    2.3 s CPU in the main thread, 8.7 s wall at load 7.9,
#                                                         5,038 LPs
#   joint release problem + neighbourhood programs + GLOP above 1,200 counts (2026-12-03): 6.42 s wall at load 4.1
#                                                         (4.40 s CPU main thread), 759 LPs, 2 rounds; the same
#                                                         4,775 suppressed (3,824 primary, 951 secondary)
#
# I4 follow-up, `i4 1 2750 20`: 55,860 counts, every half-year one hidden component of ~1,200 counts.
#   picks from the narrow count's relations, else anywhere in its component:  102 s, 26,777 suppressed
#   picks the LP duals show would widen the interval (2026-11-25):              4.5 s, 7 rounds, 23,345 suppressed
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD_DIR:-target-disclosure}"
mvn -q -B -o -Dbuild.dir="$BUILD" test-compile
mvn -q -B -o -Dbuild.dir="$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD/bench.classpath" >/dev/null
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.classpath")" \
    nl.samenloop.disclosure.AuditBenchmark "$@"
