#!/usr/bin/env bash
# Cold start and per-request latency of predict's inference, libtorch against ONNX Runtime, one thread each, on
# the five architectures at their default windows. Trains a one-epoch bundle per model into a scratch folder
# (weights do not change the cost), then runs bench/CryptoPredict.Bench.Inference in a fresh process per
# measurement, engines interleaved, ROUNDS rounds; prints one JSON line per run. Usage: bench/run-inference.sh [ROUNDS]
set -euo pipefail
rounds="${1:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dotnet build "$root/src/CryptoPredict.Cli" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/CryptoPredict.Bench.Inference" -c Release -v q -nologo >/dev/null
cli="$root/src/CryptoPredict.Cli/bin/Release/net10.0/cryptopredict.dll"
bench="$root/bench/CryptoPredict.Bench.Inference/bin/Release/net10.0/CryptoPredict.Bench.Inference.dll"
mkdir -p "$scratch/data"
head -n 3001 "$root/data/BTCUSDT_1h.csv" > "$scratch/data/BTCUSDT_1h.csv"
for model in lstm bilstm-ohlc lstm-attn-vol cnn-lstm-regime cnn-lstm-attn; do
  (cd "$scratch" && dotnet "$cli" train --model "$model" --epochs 1 --device cpu --threads 1 --json >/dev/null)
done
for round in $(seq "$rounds"); do
  for model in lstm bilstm-ohlc lstm-attn-vol cnn-lstm-regime cnn-lstm-attn; do
    for engine in libtorch onnx; do
      OMP_NUM_THREADS=1 dotnet "$bench" "$scratch/models/BTCUSDT_1h_$model" "$scratch/data/BTCUSDT_1h.csv" "$engine" 50
    done
  done
done
