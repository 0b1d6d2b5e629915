#!/usr/bin/env bash
# Volatility skill benchmark: trains lstm-attn-vol with its defaults (volatility-har features, window 24, horizon 24)
# on the bundled 1h candles of each symbol, scores it with `evaluate --json` on the test part, and computes the
# volatility baselines on the same forecasts independently of the tool (bench/volatility/baselines.py, numpy):
# persistence, EWMA 0.94, HAR-RV (levels and logs, OLS on the training part) and GARCH(1,1) (maximum likelihood on
# the training part). Writes bench/volatility/results.md.
#
# Usage: bench/volatility/run.sh [-s "BTCUSDT ETHUSDT"] [-e EPOCHS]   (default 8 epochs; early stopping keeps the best)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
symbols="BTCUSDT ETHUSDT"
epochs=8
while [[ $# -gt 0 ]]; do
  case "$1" in
    -s) symbols="$2"; shift 2 ;;
    -e) epochs="$2"; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
  esac
done
python=/usr/bin/python3
"$python" -c "import numpy" 2>/dev/null || { echo "run.sh: $python with numpy is needed (Debian: apt-get install python3-numpy)" >&2; exit 1; }
dotnet build "$root/src/CryptoPredict.Cli" -c Release -v quiet -nologo >/dev/null
cli=(dotnet "$root/src/CryptoPredict.Cli/bin/Release/net10.0/cryptopredict.dll")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"
out="$here/results.md"
{
  echo "# lstm-attn-vol against the volatility baselines"
  echo
  echo "\`bench/volatility/run.sh -e $epochs\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))."
  echo
} >"$out"
for symbol in $symbols; do
  cp "$root/data/${symbol}_1h.csv" "$work/data/"
  (cd "$work" && "${cli[@]}" train --model lstm-attn-vol --symbol "$symbol" --interval 1h --epochs "$epochs" --json >"$work/train-$symbol.json" 2>"$work/train-$symbol.log")
  (cd "$work" && "${cli[@]}" evaluate --model lstm-attn-vol --symbol "$symbol" --interval 1h --json >"$work/eval-$symbol.json" 2>/dev/null)
  version="$(cat "$work/models/${symbol}_1h_lstm-attn-vol/current")"
  best="$(grep -o 'best epoch [0-9]*' "$work/train-$symbol.log" | tail -1)"
  {
    "$python" "$here/baselines.py" "$work/data/${symbol}_1h.csv" "$work/models/${symbol}_1h_lstm-attn-vol/versions/$version/model.json" "$work/eval-$symbol.json"
    echo
    echo "(training: up to $epochs epochs, $best by validation loss)"
    echo
  } >>"$out"
done
cat "$out"
