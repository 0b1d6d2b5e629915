#!/usr/bin/env bash
# Load benchmark of `serve`: trains a bundle on the 1,000 real BTCUSDT 1h test candles (one epoch, the model's default
# window and features), starts `cryptopredict serve` on a free loopback port, and has bench/CryptoPredict.Bench.Serve
# send REQUESTS POST /v1/predict from CLIENTS concurrent clients (each body: the last CANDLES candles), after an
# untimed warm-up. Prints one JSON line per model: throughput, p50/p90/p99/max latency, the server's RSS before and
# after the warm-up, every tenth of the run and at the end. Then SIGTERM, and the server must exit 0.
#
# Usage: bench/run-serve.sh [-m "MODEL ..."] [-n REQUESTS] [-c CLIENTS] [-w WARMUP] [-k CANDLES] [-t INFERENCE_THREADS]
#   defaults: -m "lstm bilstm-ohlc" -n 10000 -c 16 -w 1000 -k 200 -t (serve's default)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
models="lstm bilstm-ohlc"
requests=10000
clients=16
warmup=1000
candles=200
threads=""
while getopts "m:n:c:w:k:t:h" opt; do
  case "$opt" in
    m) models="$OPTARG" ;;
    n) requests="$OPTARG" ;;
    c) clients="$OPTARG" ;;
    w) warmup="$OPTARG" ;;
    k) candles="$OPTARG" ;;
    t) threads="--max-concurrent-inference $OPTARG" ;;
    *) sed -n '2,10p' "$0"; exit 1 ;;
  esac
done

dotnet build "$root/src/CryptoPredict.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/CryptoPredict.Bench.Serve" -c Release -v quiet -nologo >/dev/null
cli="$root/src/CryptoPredict.Cli/bin/Release/net10.0/cryptopredict.dll"
bench="$here/CryptoPredict.Bench.Serve/bin/Release/net10.0/CryptoPredict.Bench.Serve.dll"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/data"
cp "$root/tests/CryptoPredict.Cli.Tests/TestData/Preprocess/BTCUSDT_1h.csv" "$work/data/BTCUSDT_1h.csv"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

for model in $models; do
  dotnet "$cli" train --model "$model" --epochs 1 --device cpu --data-dir "$work/data" --models-dir "$work/models" \
    --checkpoints-dir "$work/checkpoints" --json >/dev/null 2>"$work/train.err" || { cat "$work/train.err"; exit 1; }
  python3 - "$work/data/BTCUSDT_1h.csv" "$model" "$candles" >"$work/$model.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))[-int(sys.argv[3]):]
candles = [{"timestamp": r["timestamp"], **{k: float(r[k]) for k in ("open", "high", "low", "close", "volume")}} for r in rows]
print(json.dumps({"symbol": "BTCUSDT", "interval": "1h", "model": sys.argv[2], "candles": candles}))
PY
done

# shellcheck disable=SC2086
dotnet "$cli" serve --models-dir "$work/models" --data-dir "$work/data" --device cpu --urls "http://127.0.0.1:$port" $threads \
  2>"$work/serve.err" &
server=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/serve.err"; exit 1; }

echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%dT%H:%MZ)"
for model in $models; do
  printf '%s ' "$model"
  dotnet "$bench" "http://127.0.0.1:$port" "$work/$model.json" "$server" "$requests" "$clients" "$warmup"
done

kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
echo "# serve exited $status after SIGTERM"
[ "$status" -eq 0 ]
