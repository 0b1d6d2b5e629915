#!/usr/bin/env bash
# Models benchmark: one training step (zero_grad, forward, loss, backward, Adam(1e-3) step) of each of the five seed
# architectures (src/CryptoPredict.Core/Models) at batch 32 and 256, through CryptoPredict's binding and through
# PyTorch (bench/pytorch/reference.py, the same layers) in the same run. PyTorch runs twice: as shipped (no
# OPENBLAS_*/OMP_*/MALLOC_*/... variables, torch's default threads) and tuned (the BLAS kernels, BLAS threads, torch
# threads and glibc malloc settings the binding chose for itself, read from one of its runs). A fresh process per
# measurement, the three configurations back to back, every model and batch once per round. The table shows medians
# over rounds, their ratios, the median of the per-round (back-to-back) ratios and the ratio of the best blocks.
#
# Usage: bench/run-models.sh [-s SECONDS] [-r ROUNDS] [-b "32 256"] [-m "MODEL ..."] [-o FILE.jsonl]
#                            [-a ARTIFACTS_DIR] [-p PREDICT_CMD] [-n PREDICT_RUNS]
#   -s  measured seconds per run (default 3)      -r  rounds (default 3)      -b  batch sizes (default "32 256")
#   -m  models (default: cnn-lstm-attn bilstm-ohlc lstm-attn-vol lstm cnn-lstm-regime)
#   -o  keep every run's JSON line in FILE (default: a temp file, path printed at the end)
#   -a  build the C# bench with --artifacts-path ARTIFACTS_DIR (default: the project's own bin/)
#   -p  also time a command's cold start, e.g. the predict verb (default: $PREDICT_CMD; nothing when empty):
#         PREDICT_CMD="dotnet src/CryptoPredict.Cli/bin/Release/net10.0/cryptopredict.dll predict --symbol BTCUSDT \
#           --models-dir models" bench/run-models.sh
#       The command runs through bash -c in the clean environment, once untimed (file cache), then PREDICT_RUNS
#       times (default 5, -n or $PREDICT_RUNS); whole-process wall time, median and range, stdout discarded. A failing
#       run stops the script with its exit code.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
seconds=3
rounds=3
batches="32 256"
models="cnn-lstm-attn bilstm-ohlc lstm-attn-vol lstm cnn-lstm-regime"
out=""
artifacts=""
predict_cmd="${PREDICT_CMD:-}"
predict_runs="${PREDICT_RUNS:-5}"
while getopts "s:r:b:m:o:a:p:n:h" opt; do
  case "$opt" in
    s) seconds="$OPTARG" ;;
    r) rounds="$OPTARG" ;;
    b) batches="$OPTARG" ;;
    m) models="$OPTARG" ;;
    o) out="$OPTARG" ;;
    a) artifacts="$OPTARG" ;;
    p) predict_cmd="$OPTARG" ;;
    n) predict_runs="$OPTARG" ;;
    h) sed -n '2,21p' "$0"; exit 0 ;;
    *) sed -n '2,21p' "$0" >&2; exit 64 ;;
  esac
done

WITH_BENCH=1 "$root/scripts/install-deps.sh"
py=/usr/bin/python3
reference="$root/bench/pytorch/reference.py"
if [[ -n "$artifacts" ]]; then
  dotnet build "$root/bench/CryptoPredict.Bench.Training" -c Release --artifacts-path "$artifacts" -nologo -v quiet -clp:ErrorsOnly >&2
  ours="$artifacts/bin/CryptoPredict.Bench.Training/release/CryptoPredict.Bench.Training.dll"
else
  dotnet build "$root/bench/CryptoPredict.Bench.Training" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  ours="$root/bench/CryptoPredict.Bench.Training/bin/Release/net10.0/CryptoPredict.Bench.Training.dll"
fi

# "As shipped" means no tuning variables at all, whatever this shell has set (some images export
# OPENBLAS_CORETYPE=Haswell or OPENBLAS_L2_SIZE globally).
clean=(env)
while IFS= read -r name; do clean+=(-u "$name"); done < <(
  env | sed -n 's/^\(\(OPENBLAS_\|GOTO_\|OMP_\|GOMP_\|KMP_\|MKL_\|ATEN_\|MALLOC_\|CRYPTOPREDICT_\)[A-Za-z0-9_]*\)=.*/\1/p' | sort -u)

field() { "$py" -c 'import json, sys; r = json.loads(sys.stdin.read()); print(eval(sys.argv[1], {}, {"r": r}))' "$1"; }

# The binding's own choices, read from one of its runs, are what "tuned" PyTorch gets.
probe="$("${clean[@]}" dotnet "$ours" --model lstm --batch 8 --seconds 0.2 --blocks 1 --warmup 1)"
coretype="$(field 'r["choices"].get("OPENBLAS_CORETYPE", "")' <<<"$probe")"
blas="$(field 'r["choices"].get("OPENBLAS_NUM_THREADS", "")' <<<"$probe")"
threads="$(field 'r["threads"]' <<<"$probe")"
# glibc malloc settings the binding applied through mallopt, as the equivalent MALLOC_*_ variables.
malloc_env="$(field '" ".join("%s=%s" % (k, v) for k, v in r["choices"].items() if k.startswith("MALLOC_") and v.isdigit())' <<<"$probe")"
tuned=("${clean[@]}")
[[ -n "$coretype" ]] && tuned+=(OPENBLAS_CORETYPE="$coretype")
[[ -n "$blas" ]] && tuned+=(OPENBLAS_NUM_THREADS="$blas")
for kv in $malloc_env; do tuned+=("$kv"); done
echo "binding chose OPENBLAS_CORETYPE=${coretype:-unset}, OPENBLAS_NUM_THREADS=${blas:-unset}, $threads torch thread(s)${malloc_env:+, $malloc_env}" >&2

if [[ -z "$out" ]]; then out="$(mktemp /tmp/cryptopredict-models.XXXXXX.jsonl)"; fi
: >"$out"
run() { # config, round, command...: appends {"config", "round", "run": <the run's JSON line>} to $out
  local config="$1" round="$2" line
  shift 2
  line="$("$@")"
  printf '{"config": "%s", "round": %d, "run": %s}\n' "$config" "$round" "$line" >>"$out"
}

for ((r = 1; r <= rounds; r++)); do
  for m in $models; do
    ref_name="${m//-/_}"
    [[ "$m" == lstm ]] && ref_name=lstm_simple
    for b in $batches; do
      echo "round $r/$rounds: $m b$b" >&2
      run ours "$r" "${clean[@]}" dotnet "$ours" --model "$m" --batch "$b" --seconds "$seconds"
      run shipped "$r" "${clean[@]}" "$py" "$reference" --model "$ref_name" --batch "$b" --seconds "$seconds"
      run tuned "$r" "${tuned[@]}" "$py" "$reference" --model "$ref_name" --batch "$b" --seconds "$seconds" --threads "$threads"
    done
  done
done

# Medians over rounds of each run's median block; "paired" ratios are the median over rounds of the ratio of runs
# made back to back (robust to load that drifts between rounds); "best block" compares the fastest block of all
# rounds (robust to load that comes and goes, on a shared machine). cpu/wall: our process's CPU-s per wall-s, median.
"$py" - "$out" "$models" "$batches" "$seconds" <<'PY'
import json, statistics as st, sys
path, models, batches, seconds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4]
runs = {}
for line in open(path):
    rec = json.loads(line)
    run = rec["run"]
    model = run["model"] if rec["config"] == "ours" else {"lstm_simple": "lstm"}.get(run["model"], run["model"].replace("_", "-"))
    runs.setdefault((model, str(run["batch"]), rec["config"]), {})[rec["round"]] = run
rounds = max(r for v in runs.values() for r in v)
print("\nsamples/s, median of %d round(s) of %s s [min-max over rounds]" % (rounds, seconds))
head = ("model", "batch", "ours", "pytorch shipped", "pytorch tuned", "vs shipped", "vs tuned", "paired vs s/t", "best block vs s/t", "ours cpu/wall")
fmt = "%-16s %-5s %-22s %-22s %-22s %-10s %-9s %-14s %-18s %s"
print(fmt % head)
for m in models:
    for b in batches:
        cfg = {c: runs.get((m, b, c), {}) for c in ("ours", "shipped", "tuned")}
        if not all(cfg.values()):
            continue
        med = {c: st.median(r["samples_per_second"] for r in v.values()) for c, v in cfg.items()}
        cell = lambda c: "%.1f [%.0f-%.0f]" % (med[c], min(r["samples_per_second"] for r in cfg[c].values()), max(r["samples_per_second"] for r in cfg[c].values()))
        paired = lambda c: st.median(cfg["ours"][r]["samples_per_second"] / cfg[c][r]["samples_per_second"] for r in cfg["ours"] if r in cfg[c])
        best = lambda c: max(r["sps_max"] for r in cfg[c].values())
        cpu = st.median(r.get("cpu_per_wall", 0) for r in cfg["ours"].values())
        print(fmt % (m, b, cell("ours"), cell("shipped"), cell("tuned"), "%.2fx" % (med["ours"] / med["shipped"]), "%.2fx" % (med["ours"] / med["tuned"]),
                     "%.2f / %.2f" % (paired("shipped"), paired("tuned")), "%.2f / %.2f" % (best("ours") / best("shipped"), best("ours") / best("tuned")), "%.2f" % cpu))
PY
echo "JSON lines: $out"

stats() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.1f %.1f %.1f\n", m, a[1], a[NR]}'; }

if [[ -n "$predict_cmd" ]]; then
  echo
  echo "cold start: $predict_cmd"
  "${clean[@]}" bash -c "$predict_cmd" >/dev/null
  ms=""
  for ((i = 0; i < predict_runs; i++)); do
    t0="$(date +%s%N)"
    "${clean[@]}" bash -c "$predict_cmd" >/dev/null
    ms+="$(( ($(date +%s%N) - t0) / 1000000 )) "
  done
  read -r med lo hi <<<"$(stats <<<"$ms")"
  echo "wall ms over $predict_runs runs: median $med [$lo-$hi]"
fi
