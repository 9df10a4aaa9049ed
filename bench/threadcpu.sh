#!/usr/bin/env bash
# CPU seconds of a running JVM per kind of thread (Spark task threads, C1/C2 JIT compiler, GC, the rest),
# sampled from /proc every second until the process ends; prints the totals of the last sample.
#   bench/threadcpu.sh PID        (bench/pipeline.sh runs it with THREADCPU=1)
# Thread names only; nothing record-level.
set -uo pipefail
PID=$1
TICK=$(getconf CLK_TCK)
declare -A cpu name
while [ -d /proc/$PID ]; do
  for t in /proc/$PID/task/*; do
    tid=${t##*/}
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    n=${stat#*(}; n=${n%)*}
    rest=${stat##*) }
    set -- $rest
    cpu[$tid]=$(( ${12} + ${13} ))
    name[$tid]=$n
  done
  sleep 1
done
declare -A kind
for tid in "${!cpu[@]}"; do
  n=${name[$tid]}
  case "$n" in
    "Executor task"*) k=tasks ;;
    "C2 Compiler"*) k=jit-C2 ;;
    "C1 Compiler"*) k=jit-C1 ;;
    "GC Thread"*|"G1 "*|"VM Thread"*) k=gc+vm ;;
    *) k=other ;;
  esac
  kind[$k]=$(( ${kind[$k]:-0} + ${cpu[$tid]} ))
done
printf 'cpu by thread kind (s):'
for k in tasks jit-C2 jit-C1 gc+vm other; do printf ' %s %d' "$k" $(( ${kind[$k]:-0} / TICK )); done
echo
