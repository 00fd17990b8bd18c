#!/usr/bin/env bash
# wdfrr beside Fray 0.9.2 on the same bugs, in one run (BENCHMARKS.md, "wdfrr beside Fray").
# Fray's side: bench/fray (plain Java threads), run by Fray from Maven Central artifacts with the
# instrumented JDK its prepare-fray goal links from a JDK 25 (see bench/fray/wrapper-jdk.sh).
# wdfrr's side: dev.wdfrr.bench.SideBySide on the same JDK 25 (virtual threads), which prints the table.
# Usage: bench/side-by-side.sh [RUNS]   (needs `mvn -B -q package -DskipTests` first)
set -euo pipefail
cd "$(dirname "$0")/.."
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${1:-20}
BUDGET=10000
out=bench/target/side-by-side
rm -rf "$out" && mkdir -p "$out"

bench/fray/wrapper-jdk.sh "$JDK25" "$out/jdk25-wrapper" >/dev/null
JDK25_HOME="$PWD/$out/jdk25-wrapper" mvn -B -q -f bench/fray/pom.xml package
fray_dir=bench/fray/target/fray
agent=$(find ~/.m2/repository/org/pastalab/fray/instrumentation/fray-instrumentation-agent/0.9.2 -name '*.jar' | head -1)
cp="bench/fray/target/classes:$(cat bench/fray/target/classpath.txt)"

fray() { # fray CLASS SCHEDULER OUTDIR ARGS...
  local clazz=$1 scheduler=$2 dir=$3
  shift 3
  local extra=()
  [ "$scheduler" = pct ] && extra=(--num-switch-points 2) # wdfrr's PCT depth 3
  timeout 900 "$fray_dir/fray-java/bin/java" -agentpath:"$PWD/$fray_dir/fray-jvmti/libjvmti.so" -javaagent:"$agent" \
    -cp "$cp" org.pastalab.fray.core.MainKt --run-config cli --clazz "dev.wdfrr.bench.fray.$clazz" --method run \
    --scheduler "$scheduler" "${extra[@]}" -o "$dir" "$@" >/dev/null 2>&1 || true
}

tsv="$out/fray.tsv"
echo "# bug	scheduler	schedules to the first failure per run	schedules/s" > "$tsv"
for clazz in LostUpdate RefcountRace; do
  for scheduler in random pct pos; do
    counts=()
    for run in $(seq 1 "$RUNS"); do
      dir="$out/fray-$clazz-$scheduler-$run"
      fray "$clazz" "$scheduler" "$dir" --iter "$BUDGET"
      n=$(grep -o 'Error found at iter: [0-9]*' "$dir/fray.log" | head -1 | grep -o '[0-9]*$' || true)
      counts+=("$([ -n "$n" ] && echo $((n + 1)) || echo "$BUDGET")")
    done
    dir="$out/fray-$clazz-$scheduler-throughput"
    fray "$clazz" "$scheduler" "$dir" --iter 2000 --explore
    rate=$(grep -o 'Iterations/sec: [0-9.]*' "$dir/fray.log" | tail -1 | grep -o '[0-9.]*$')
    echo "$clazz	$scheduler	$(IFS=,; echo "${counts[*]}")	$rate" >> "$tsv"
    echo "fray $clazz $scheduler: ${counts[*]} ($rate schedules/s)" >&2
  done
done

"$JDK25/bin/java" -cp bench/target/benchmarks.jar dev.wdfrr.bench.SideBySide "$RUNS" "$tsv"
