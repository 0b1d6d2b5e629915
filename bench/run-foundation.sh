#!/usr/bin/env bash
# Foundation benchmark (issue 2): one training step (zero_grad, forward, MSE, backward, Adam step) of a 2-layer
# bidirectional LSTM (13 -> 128, T = 60) at batch 32 and 256, through CryptoPredict's binding and through
# PyTorch in the same run, PyTorch both as shipped and with the binding's BLAS kernel and thread settings.
# Fresh process per measurement, configurations interleaved, median over rounds.
#
# Usage: bench/run-foundation.sh [-s SECONDS] [-r ROUNDS] [-b "32 256"]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
seconds=3
rounds=3
batches="32 256"
while getopts "s:r:b:" opt; do
  case "$opt" in
    s) seconds="$OPTARG" ;;
    r) rounds="$OPTARG" ;;
    b) batches="$OPTARG" ;;
    *) sed -n '2,8p' "$0" >&2; exit 64 ;;
  esac
done

WITH_BENCH=1 "$root/scripts/install-deps.sh"
py=/usr/bin/python3
dotnet build "$root/bench/CryptoPredict.Bench.Training" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
ours="$root/bench/CryptoPredict.Bench.Training/bin/Release/net10.0/CryptoPredict.Bench.Training.dll"

# "As shipped" means no tuning variables at all, whatever this shell has set.
clean=(env -u OPENBLAS_CORETYPE -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS -u GOTO_NUM_THREADS -u OPENBLAS_L2_SIZE -u MKL_NUM_THREADS)

# The binding's own choices, read from one of its runs, are what "tuned" PyTorch gets.
probe="$("${clean[@]}" dotnet "$ours" --batch 8 --seconds 0.2 --blocks 1 --warmup 1)"
coretype="$(sed -E 's/.*"OPENBLAS_CORETYPE":"([^"]*)".*/\1/' <<<"$probe")"
threads="$(sed -E 's/.*"threads":([0-9]+).*/\1/' <<<"$probe")"
blas="$(sed -E 's/.*"OPENBLAS_NUM_THREADS":"([^"]*)".*/\1/' <<<"$probe")"
echo "binding chose OPENBLAS_CORETYPE=$coretype, OPENBLAS_NUM_THREADS=$blas, $threads torch threads" >&2

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
rate() { sed -E 's/.*"samples_per_second": ?([0-9.]+).*/\1/'; }

printf '%-6s %14s %16s %14s %12s %12s\n' batch "ours s/s" "pytorch shipped" "pytorch tuned" "vs shipped" "vs tuned"
for b in $batches; do
  o=(); s=(); t=()
  for ((r = 0; r < rounds; r++)); do
    o+=("$("${clean[@]}" dotnet "$ours" --batch "$b" --seconds "$seconds" | rate)")
    s+=("$("${clean[@]}" "$py" "$root/bench/pytorch/reference.py" --model bilstm2 --batch "$b" --seconds "$seconds" | rate)")
    t+=("$("${clean[@]}" OPENBLAS_CORETYPE="$coretype" OPENBLAS_NUM_THREADS="$blas" "$py" "$root/bench/pytorch/reference.py" --model bilstm2 --batch "$b" --seconds "$seconds" --threads "$threads" | rate)")
  done
  mo="$(printf '%s\n' "${o[@]}" | median)"
  ms="$(printf '%s\n' "${s[@]}" | median)"
  mt="$(printf '%s\n' "${t[@]}" | median)"
  printf '%-6s %14.1f %16.1f %14.1f %11.2fx %11.2fx\n' "$b" "$mo" "$ms" "$mt" "$(echo "$mo / $ms" | bc -l)" "$(echo "$mo / $mt" | bc -l)"
done
