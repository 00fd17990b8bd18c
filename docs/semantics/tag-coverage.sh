#!/usr/bin/env bash
# Lists the rules of the I/O, PnP/power and timer/DPC semantics pages ([Qn], [Rn], [Pn], [Tn],
# [Dn], each defined where it is written in bold) and the rows of pnp-power.md's hardware-state
# table, with the runtime tests that name each; prints those no test names. Exit 1 if any.
# Run from the repository root: docs/semantics/tag-coverage.sh [-v]
set -euo pipefail
cd "$(dirname "$0")/../.."
pages="docs/semantics/io-queues-and-requests.md docs/semantics/pnp-power.md docs/semantics/timers-and-dpcs.md"
tests=runtime/src/test
verbose=${1:-}
missing=0
total=0

# check LABEL STRING: the test files that contain STRING.
check() {
  total=$((total + 1))
  local files
  files=$(grep -rlF -- "$2" "$tests" | xargs -r -n1 basename | sort -u | tr '\n' ' ' || true)
  if [ -z "$files" ]; then
    echo "NO TEST: $1"; missing=$((missing + 1))
  elif [ "$verbose" = -v ]; then
    echo "$1: $files"
  fi
}

for tag in $(grep -ohE '\*\*\[[QRPTD][0-9]+\]' $pages | tr -d '*[]' | sort -u -V); do
  check "[$tag]" "[$tag]"
done
# The hardware table: each state as the tests print the trace's hardware_state, and the two
# rules it decides (access while unmapped, access out of D0 outside Prepare/ReleaseHardware).
for row in 'hw UNMAPPED' 'hw MAPPED' 'hw D0' 'hw ABSENT' HARDWARE_ACCESS_UNMAPPED HARDWARE_ACCESS_OUTSIDE_D0 \
    registerAccessInPrepareAndReleaseHardwareIsAllowed; do
  check "hardware table: $row" "$row"
done
echo "$((total - missing)) of $total rules and hardware-table rows named by a test in $tests"
[ "$missing" -eq 0 ]
