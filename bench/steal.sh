#!/usr/bin/env bash
# CPU time the hypervisor gave to other guests while a benchmark ran ("steal" in /proc/stat), so that two runs of
# the same code can be told apart from two versions of the code. On the 2-core dev machine, runs of one build
# differed by up to 45% in wall clock (national: 6:15 and 9:09, 2026-12-03) and a fixed sha256 loop took
# 2.4-4.2 s within a minute: compare runs only when their steal is alike.
#
#   source bench/steal.sh
#   steal_start                # before the run
#   ...
#   steal_report "$WALL_SECONDS"   # prints "cpu steal (hypervisor): 12.3 s, 4.1% of 2 cores x wall"
steal_ticks() { awk '/^cpu / {print $9}' /proc/stat; }
steal_start() { STEAL_T0=$(steal_ticks); }
steal_report() {
  local wall=$1 hz cores ticks
  hz=$(getconf CLK_TCK)
  cores=$(nproc)
  ticks=$(( $(steal_ticks) - STEAL_T0 ))
  awk -v t="$ticks" -v hz="$hz" -v w="$wall" -v c="$cores" \
    'BEGIN {s = t / hz; printf "cpu steal (hypervisor): %.1f s, %.1f%% of %d cores x wall\n", s, (w > 0 ? 100 * s / (c * w) : 0), c}'
}
