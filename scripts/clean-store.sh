#!/usr/bin/env bash
# clean-store.sh removes the runs a store holds: every run, or all but the
# KEEP newest. A 25-node run writes several megabytes (node logs, the
# message journal, the plots), and nothing else ever deletes them.
#
#   scripts/clean-store.sh [STORE [KEEP]]     defaults: store 0
#
# Runs are store/<test>/<start time>/; their names sort by start time. The
# links store/latest, store/current and store/<test>/latest always point
# at the newest run, so keeping at least one keeps them valid; with KEEP 0
# the whole store goes.
set -euo pipefail
store=${1:-store}
keep=${2:-0}
case $keep in
  ''|*[!0-9]*) echo "clean-store: KEEP=$keep is not a whole number"; exit 2;;
esac
if [ ! -d "$store" ]; then
  echo "clean-store: $store/ does not exist; nothing to remove"
  exit 0
fi
if [ "$keep" -eq 0 ]; then
  size=$(du -sh "$store" | cut -f1)
  rm -rf "$store"
  echo "clean-store: removed $store/ ($size)"
  exit 0
fi
# Oldest first: "<start time> <path>" lines, sorted, minus the KEEP newest.
old=$(for run in "$store"/*/2*/; do
        [ -d "$run" ] && [ ! -L "${run%/}" ] && echo "$(basename "$run") ${run%/}"
      done | sort | awk -v keep="$keep" '{ path[NR] = $2 } END { for (i = 1; i <= NR - keep; i++) print path[i] }')
if [ -z "$old" ]; then
  echo "clean-store: $store/ holds $keep run(s) or fewer; nothing to remove"
  exit 0
fi
count=$(echo "$old" | wc -l)
size=$(echo "$old" | xargs du -shc | tail -1 | cut -f1)
echo "$old" | xargs rm -rf
echo "clean-store: removed the $count oldest run(s) in $store/ ($size); kept the $keep newest"
