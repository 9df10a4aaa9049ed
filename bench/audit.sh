#!/usr/bin/env bash
# Benchmark of disclosure control (suppression + LP audit) on the largest standard I2 table:
# 355 municipalities + unknown, 42 regions, the Netherlands × 20 half-years × (7 groups + population).
# Usage: bench/audit.sh [seed]     (BUILD_DIR defaults to target-disclosure; needs dependencies in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD_DIR:-target-disclosure}"
mvn -q -B -o -Dbuild.dir="$BUILD" test-compile
mvn -q -B -o -Dbuild.dir="$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD/bench.classpath" >/dev/null
exec java -Xmx2g -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.classpath")" \
    nl.samenloop.disclosure.AuditBenchmark "$@"
