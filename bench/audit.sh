#!/usr/bin/env bash
# Benchmark of disclosure control (suppression + LP audit) on the largest standard I2 table:
# 355 municipalities + unknown, 42 regions, the Netherlands × 20 half-years × (7 groups + population).
# Usage: bench/audit.sh [seed]     (BUILD_DIR defaults to target-disclosure; needs dependencies in ~/.m2)
#
# 63,840 counts, 4,775 suppressed, on the 2-core dev machine, 2026-11-25:
#   Commons Math SimplexSolver, one cold solve per bound: suppression + audit 11.9 s (load ~20), 10,274 LPs
#   BoundsProgram, warm-started:                          1.41 s wall (load 2.0), 10,274 LPs
#   + witnesses / implied bounds / narrow-only rounds:    2.3 s CPU in the main thread, 8.7 s wall at load 7.9,
#                                                         5,038 LPs
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD_DIR:-target-disclosure}"
mvn -q -B -o -Dbuild.dir="$BUILD" test-compile
mvn -q -B -o -Dbuild.dir="$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD/bench.classpath" >/dev/null
exec java -Xmx2g -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.classpath")" \
    nl.samenloop.disclosure.AuditBenchmark "$@"
