#!/usr/bin/env bash
# Start on an existing data folder → first 200 on /readyz, as `npm start` runs it (built
# JavaScript). Usage: bash bench/startup.sh [runs] — builds, seeds a demo data folder once,
# then times each start from spawn to the first 200 and prints every run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
port="${PORT:-3999}"
dir="$(mktemp -d)/rudder-data"
npx tsc -p tsconfig.build.json
RUDDER_DATA_DIR="$dir" LOG_LEVEL=warn node dist/cli/index.js demo > /dev/null
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  RUDDER_DATA_DIR="$dir" PORT="$port" LOG_LEVEL=warn node dist/cli/index.js serve > /dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/readyz" > /dev/null 2>&1; do sleep 0.01; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: $ms ms"
  kill -TERM "$pid"
  wait "$pid" || true
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $runs: $median ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -rf "$(dirname "$dir")"
