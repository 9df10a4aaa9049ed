#!/usr/bin/env bash
# CPU time the hypervisor gave to other guests while a benchmark ran ("steal" in /proc/stat). A run with much steal
# is not comparable to one without. Little steal does not make runs comparable either: on the 2-core dev machine
# runs of one build differed by up to 45% in wall clock (national: 6:15 and 9:09, 2026-12-03) with steal at 1-2%,
# and a fixed sha256 loop took 2.4-4.2 s within a minute. Compare versions back to back.
#
#   . bench/steal.sh
#   steal_start      # before the run
#   ...
#   steal_report     # prints "cpu steal (hypervisor): 12.3 s, 4.1% of 2 cores x wall"
steal_ticks() { awk '/^cpu / {print $9}' /proc/stat; }
steal_start() { STEAL_T0=$(steal_ticks); STEAL_WALL0=$(date +%s.%N); }
steal_report() {
  awk -v t="$(( $(steal_ticks) - STEAL_T0 ))" -v hz="$(getconf CLK_TCK)" -v c="$(nproc)" \
    -v w0="$STEAL_WALL0" -v w1="$(date +%s.%N)" \
    'BEGIN {s = t / hz; w = w1 - w0; printf "cpu steal (hypervisor): %.1f s, %.1f%% of %d cores x wall\n", s, (w > 0 ? 100 * s / (c * w) : 0), c}'
}
