#!/usr/bin/env bash
# bench-harness.sh measures how much the harness distorts what it measures,
# on three loads, and prints for each the delivery and dispatch lag beside
# the limit above which a run warns, the harness' own processor use, and
# the machine's load (other work on the machine shows up in every figure):
#
#   1. 25 nodes, rate 100, latency 100, a test node that floods every new
#      value to every other node once; beside it, bin/wakeup measures how
#      late this machine wakes a lone waiting thread (the floor).
#   2. the same, with a test node that sends its whole set of values to
#      every peer every 500 ms (a common Gossip Glomers design, and the
#      heaviest load here: lines of several kilobytes, 48 a second per node).
#   3. 100 nodes, rate 1000, no gossip: the generator's dispatch lag.
#
# Run from the repository root after building bin/harness, bin/testnode and
# bin/wakeup (make bench-harness does both).
set -uo pipefail
store=tmp/bench-harness
status=0

run() {
  local title=$1; shift
  echo "== $title"
  echo "   machine: $(uptime | sed 's/.*load average/load average/'), $(nproc) cores"
  bin/harness test -w broadcast --bin bin/testnode --store "$store" --verbose "$@" |
    grep -E '^(Checker|Messages|Stable|Timing|Harness CPU|WARNING|  - )' | sed 's/^/   /'
  [ "${PIPESTATUS[0]}" -le 1 ] || status=1
}

bin/wakeup -delay 3s -duration 15s | sed 's/^/   /' &
run "25 nodes, rate 100, latency 100, flooding test node (with the machine's wake-up floor)" \
  --node-count 25 --time-limit 20 --rate 100 --latency 100 -- --gossip flood
wait
run "25 nodes, rate 100, latency 100, full-state test node (whole set to every peer every 500 ms)" \
  --node-count 25 --time-limit 20 --rate 100 --latency 100 -- --gossip anti-entropy --interval 500ms
run "100 nodes, rate 1000, no gossip (dispatch lag; invalid, as it should be)" \
  --node-count 100 --time-limit 20 --rate 1000 -- --gossip none
exit $status
