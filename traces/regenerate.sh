#!/usr/bin/env bash
# Regenerates the committed sample traces: one small deterministic trace per clean scenario and
# one failing trace of a buggy scenario. Deterministic, so the same wdfrr writes the same events
# (only the header's wall-clock start time, JVM and OS differ).
set -euo pipefail
cd "$(dirname "$0")/.."
for s in nic dma sensor usb-reset; do
  ./wdfrr record "$s" -o "traces/$s" --engine deterministic --seed 1 --duration 2ms --force --block-size 65536
done
# the I/O scenarios (KMDF echo, toaster, simsensor samples) run until their device's removal
for s in echo toaster thermal; do
  ./wdfrr record "$s" -o "traces/$s" --engine deterministic --seed 1 --force --block-size 65536
done
# seed 71 loses an update (its DPCs race in their first round, as the tests expect) (with the engine of da56dd0, which takes unseen steps eagerly); exit code 1 (a failing run) is the point of this one
./wdfrr record lost-update -o traces/lost-update-failing --engine deterministic --seed 71 --force --block-size 65536 || [ $? -eq 1 ]
# the writer's claim is released when it closes; the empty lock file is not part of a sample
rm -f traces/*/wdfrr-writer.lock
