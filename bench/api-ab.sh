#!/bin/bash
# Paired A/B of two builds of the CLI bundle serving the national results under wrk: req/s and the
# server's CPU seconds per 10k requests, alternated ROUNDS times in the same minutes (server on
# CPU 0, wrk on CPU 1). Build each bundle under .bench-cache/ (so that node_modules resolves), e.g.
#   npx tsc -p tsconfig.bench.json && node -e "import('./.bench-cache/build/scripts/build-cli.js').then(m => m.buildCli('.bench-cache/ab-new'))"
# then: A=.bench-cache/ab-old B=.bench-cache/ab-new bash bench/api-ab.sh
# DB defaults to the store `npm run bench:api` prepares (.bench-cache/load/load.db).
set -u
DB=${DB:-.bench-cache/load/load.db}
ROUNDS=${ROUNDS:-5}
SECS=${SECS:-5}
[ -f "$DB" ] || { echo "no store at $DB: run npm run bench:api once" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is absent (apt-get install wrk)" >&2; exit 1; }
run() { # $1 bundle dir, $2 port
  taskset -c 0 node "$1/main.js" serve --db "$DB" --port "$2" --host 127.0.0.1 >/dev/null 2>&1 &
  local pid=$!
  local url="http://127.0.0.1:$2/api/v1/results?election=pe-2021-presidencial&level=national"
  for _ in $(seq 100); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
  taskset -c 1 wrk -t1 -c50 -d2s "$url" >/dev/null
  local t0 t1 out n rps
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  out=$(taskset -c 1 wrk -t1 -c50 -d"${SECS}s" "$url")
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null
  n=$(echo "$out" | awk '/requests in/{print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  echo "$1 rps=$rps cpu_s_per_10k=$(echo "($t1-$t0)/$(getconf CLK_TCK)*10000/$n" | bc -l | cut -c1-6)"
}
for _ in $(seq "$ROUNDS"); do run "$A" 17801; run "$B" 17802; done
uptime
