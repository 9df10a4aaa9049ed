#!/usr/bin/env bash
# Runs only the cluster tests (JvmModuleOptionsTest + ClusterIT) in their own build dir and prints the timings
# ClusterIT reports: cluster start, local[2] run, cluster run, and the whole IT class.
#   bench/cluster-it.sh            # build dir target-cluster
#   BUILD_DIR=target-x bench/cluster-it.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-target-cluster}"
start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
mvn -B -o -q "-Dbuild.dir=$BUILD_DIR" verify \
    -Dtest='nl.samenloop.cluster.*Test' -Dit.test='nl.samenloop.cluster.**' -Dsurefire.failIfNoSpecifiedTests=false \
    > "$log" 2>&1 || status=$?
end=$(date +%s)
[[ $status -eq 0 ]] || tail -40 "$log"
grep -h -E '^(cluster start|ClusterProbe):' "$log" || true
grep -h "Tests run" "$BUILD_DIR"/failsafe-reports/nl.samenloop.cluster.ClusterIT.txt || true
echo "mvn verify (compile, package, unit + IT): $((end - start)) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
