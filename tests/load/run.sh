#!/usr/bin/env bash
# Holds a mixed read/write load on FactLedger for a fixed time (wrk on a loopback port), prints throughput, errors and
# latency percentiles, then checks that the number of stored claims equals the number of acknowledged (2xx) writes.
# Usage: bash tests/load/run.sh            (LOAD_SECONDS=30, LOAD_CONNECTIONS=16 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${LOAD_SECONDS:-30}
connections=${LOAD_CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 2; }

data=$(mktemp -d /tmp/factledger-load-XXXXXX); chmod 755 "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export LOAD_KEY="load-editor-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log="$data/app.log"

cleanup() {
  [ -n "${app_pid:-}" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

echo "[load] building and starting FactLedger (Release) on $base with a throwaway PostgreSQL in $data"
dotnet build src/FactLedger.Api -c Release -v q -nologo >/dev/null
ConnectionStrings__FactLedger="" \
FactLedger__LocalPostgres__DataDirectory="$data/pg" \
FactLedger__ApiKeys__0__Name=load FactLedger__ApiKeys__0__Role=editor FactLedger__ApiKeys__0__Key="$LOAD_KEY" \
FactLedger__WriteRateLimit__PermitsPerSecond=1000000 FactLedger__WriteRateLimit__Burst=1000000 \
Logging__LogLevel__Default=Warning \
  dotnet run --project src/FactLedger.Api -c Release --no-build -- --urls "$base" >"$log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/health" >/dev/null || { echo "[load] the app did not start:"; tail -40 "$log"; exit 1; }

post() { curl -fs -X POST "$base$1" -H "Content-Type: application/json" -H "X-Api-Key: $LOAD_KEY" -d "$2" >/dev/null; }
post /api/sources '{"key":"load-src","outlet":"Load Outlet","language":"en","title":"Load","publishedAt":"2022-01-07T00:00:00Z","text":"In the capital, officials said 100 people were detained."}'
post /api/figures '{"key":"load-test.all.detained","kind":"count","cumulative":true,"labels":{"en":"Detained (load test)"}}'

echo "[load] wrk: $connections connections, 2 threads, ${seconds}s, 4 reads : 1 write"
export LOAD_OUT="$data"
out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s tests/load/mixed.lua "$base")
echo "$out" | grep -v -E '^(ACKNOWLEDGED_WRITES|FAILED_ANSWERS)='
acknowledged=$(sed -n 's/^ACKNOWLEDGED_WRITES=//p' <<<"$out")
failed=$(sed -n 's/^FAILED_ANSWERS=//p' <<<"$out")

# wrk stops on the clock: writes still in flight then may be stored without their answer being counted (at most one
# per connection). Every acknowledged id must be stored exactly once; beyond them, only those in-flight writes.
curl -fs "$base/api/figures/load-test.all.detained/events" > "$data/events.json"
python3 - "$data" "$acknowledged" "$connections" "$failed" <<'PY'
import collections, glob, json, sys
data, acknowledged, connections, failed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
events = json.load(open(f"{data}/events.json"))["events"]
stored = collections.Counter(e["data"]["claimId"] for e in events if e["type"] == "claim_recorded")
acked = [line.strip() for f in glob.glob(f"{data}/acked-*.txt") for line in open(f) if line.strip()]
missing = [i for i in acked if stored[i] != 1]
extra = len(set(stored) - set(acked))
duplicates = sum(1 for n in stored.values() if n > 1)
print(f"[load] claims acknowledged: {len(acked)} (wrk counted {acknowledged}), stored: {sum(stored.values())}, "
      f"acknowledged but not stored once: {len(missing)}, stored twice: {duplicates}, "
      f"in flight at the cutoff (stored, answer not counted): {extra}, non-2xx answers: {failed}")
ok = len(acked) == acknowledged > 0 and not missing and duplicates == 0 and extra <= connections and failed == 0
print("[load] OK" if ok else "[load] FAILED")
sys.exit(0 if ok else 1)
PY
