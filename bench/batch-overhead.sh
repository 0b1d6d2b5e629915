#!/usr/bin/env bash
# Batch overhead benchmark: 20 units of lstm x 1 epoch on small candle slices (the first 400 of the 1,000 real
# BTCUSDT 1h test candles under 20 symbols, window 16, batch 64, CPU), trained once by one `cryptopredict batch` call and
# once as 20 separate `cryptopredict train` calls in a shell loop, each in a fresh project folder. Prints both wall
# times and their ratio; the difference is per-process start-up (runtime, libtorch load) that batch pays once, against
# what batch adds per unit (ledger claims, the data fingerprint, the test-part evaluation).
#
# Usage: bench/batch-overhead.sh [-u UNITS] [-c CANDLES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
units=20
candles=400
while getopts "u:c:" opt; do
  case "$opt" in
    u) units="$OPTARG" ;;
    c) candles="$OPTARG" ;;
    *) echo "usage: $0 [-u UNITS] [-c CANDLES]" >&2; exit 1 ;;
  esac
done

"$root/scripts/install-deps.sh"
dotnet build "$root/src/CryptoPredict.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
cli=(dotnet "$root/src/CryptoPredict.Cli/bin/Release/net10.0/cryptopredict.dll")
source_file="$root/tests/CryptoPredict.Cli.Tests/TestData/Preprocess/BTCUSDT_1h.csv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

symbols=()
for i in $(seq 1 "$units"); do
  symbols+=("$(printf 'COIN%02dUSDT' "$i")")
done

project() {
  mkdir -p "$1/data"
  for s in "${symbols[@]}"; do
    head -n "$((candles + 1))" "$source_file" >"$1/data/${s}_1h.csv"
  done
}

common=(--epochs 1 --window 16 --batch-size 64 --device cpu)
project "$work/batch"
project "$work/train"

start=$(date +%s.%N)
(cd "$work/batch" && CRYPTOPREDICT_HOME="$work/batch" "${cli[@]}" batch --symbols "$(IFS=,; echo "${symbols[*]}")" --models lstm "${common[@]}" --json >"$work/batch.json" 2>"$work/batch.log")
batch_s=$(echo "$(date +%s.%N) - $start" | bc)
trained=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['counts']['trained'])" "$work/batch.json")
[[ "$trained" == "$units" ]] || { echo "batch trained $trained of $units units" >&2; exit 1; }

start=$(date +%s.%N)
for s in "${symbols[@]}"; do
  (cd "$work/train" && CRYPTOPREDICT_HOME="$work/train" "${cli[@]}" train --symbol "$s" --model lstm "${common[@]}" --json >/dev/null 2>>"$work/train.log")
done
train_s=$(echo "$(date +%s.%N) - $start" | bc)

printf '%s units of lstm x 1 epoch, %s candles each, %s cores\n' "$units" "$candles" "$(nproc)"
printf 'batch (one process):        %6.1f s  (%.2f s per unit)\n' "$batch_s" "$(echo "$batch_s / $units" | bc -l)"
printf 'train loop (%s processes):  %6.1f s  (%.2f s per unit)\n' "$units" "$train_s" "$(echo "$train_s / $units" | bc -l)"
printf 'train loop / batch:         %6.2fx\n' "$(echo "$train_s / $batch_s" | bc -l)"
