#!/usr/bin/env bash
# Runs bench/pytorch/reference.py for each model x batch size in two configurations,
# one fresh process each, and prints a table (raw JSON lines go to the results file).
#
#   as shipped : every OPENBLAS_* / GOTO_* / OMP_* / GOMP_* / KMP_* / MKL_* / ATEN_* variable
#                removed from the environment, torch's default thread count.
#   tuned      : same clean environment, then OPENBLAS_CORETYPE from the CPU flags
#                (SkylakeX if avx512f, Haswell if avx2, else left unset),
#                OPENBLAS_NUM_THREADS=1, torch.set_num_threads(<number of cores>).
#
# Usage: bench/pytorch/run_reference.sh [-s SECONDS] [-b "32 256"] [-r ROUNDS] [-o FILE.jsonl] [MODEL...]
#   MODEL    default bilstm2; others: cnn_lstm_attn bilstm_ohlc lstm_attn_vol lstm_simple cnn_lstm_regime
#   -s       measured seconds per run (default 3; passed to --seconds)
#   -b       batch sizes (default "32 256")
#   -r       rounds; each round runs every case once per configuration (default 1)
#   -o       where to keep the JSON lines (default: a temp file, path printed at the end)
#   PYTHON   env var, interpreter to use (default /usr/bin/python3: Debian's, the one with torch)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/reference.py"
py="${PYTHON:-/usr/bin/python3}"
seconds=3
batches="32 256"
rounds=1
out=""
while getopts "s:b:r:o:h" opt; do
  case "$opt" in
    s) seconds="$OPTARG" ;;
    b) batches="$OPTARG" ;;
    r) rounds="$OPTARG" ;;
    o) out="$OPTARG" ;;
    h) sed -n '2,19p' "$0"; exit 0 ;;
    *) sed -n '2,19p' "$0" >&2; exit 64 ;;
  esac
done
shift $((OPTIND - 1))
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(bilstm2)

if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "error: $py cannot import torch; use Debian's /usr/bin/python3 (apt-get install python3-torch)" >&2
  exit 2
fi

ncores="$(nproc)"
flags="$(grep -m1 '^flags' /proc/cpuinfo || true)"
coretype=""
if grep -qw avx512f <<<"$flags"; then coretype=SkylakeX
elif grep -qw avx2 <<<"$flags"; then coretype=Haswell
fi

# env -u arguments for every threading/BLAS variable currently set (some images pre-set
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE globally; "as shipped" must not inherit them).
clean=()
while IFS= read -r name; do clean+=(-u "$name"); done < <(
  env | sed -n 's/^\(\(OPENBLAS_\|GOTO_\|OMP_\|GOMP_\|KMP_\|MKL_\|ATEN_\)[A-Za-z0-9_]*\)=.*/\1/p' | sort -u)

if [ -z "$out" ]; then out="$(mktemp /tmp/pytorch_reference.XXXXXX.jsonl)"; fi
: >"$out"

echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $ncores cores; tuned OPENBLAS_CORETYPE=${coretype:-<unset>}" >&2
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); seconds=$seconds batches=\"$batches\" rounds=$rounds models=${models[*]}" >&2

run_one() {  # config model batch -- extra env assignments / args follow
  local config="$1" model="$2" batch="$3"; shift 3
  local envs=() args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      *=*) envs+=("$1") ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  local line
  echo "+ ${envs[*]:-} $py reference.py --model $model --batch $batch --seconds $seconds ${args[*]:-}" >&2
  if line="$(env "${clean[@]}" "${envs[@]}" "$py" "$script" --model "$model" --batch "$batch" \
              --seconds "$seconds" "${args[@]}")"; then
    printf '%s\n' "$line" | "$py" -c 'import json,sys; r=json.loads(sys.stdin.readline()); r["config"]=sys.argv[1]; print(json.dumps(r))' "$config" >>"$out"
  else
    echo "  (failed: $config $model b$batch)" >&2
  fi
}

for ((r = 1; r <= rounds; r++)); do
  for m in "${models[@]}"; do
    for b in $batches; do
      run_one shipped "$m" "$b"
      tuned_env=(OPENBLAS_NUM_THREADS=1)
      [ -n "$coretype" ] && tuned_env+=(OPENBLAS_CORETYPE="$coretype")
      run_one tuned "$m" "$b" "${tuned_env[@]}" --threads "$ncores"
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg); results: $out" >&2

"$py" - "$out" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
groups = {}
for r in rows:
    groups.setdefault((r["model"], r["batch"], r["config"]), []).append(r)
def med(rs, k):
    return statistics.median(x[k] for x in rs)
hdr = ("model", "batch", "config", "samples/s", "step ms", "GFLOP/s", "torch thr",
       "CORETYPE env", "BLAS core", "BLAS thr", "cpu/wall", "load1", "runs", "tuned/shipped")
out = []
for (m, b, c), rs in groups.items():
    sps = med(rs, "samples_per_second")
    ratio = ""
    if c == "tuned" and (m, b, "shipped") in groups:
        ratio = "%.2fx" % (sps / med(groups[(m, b, "shipped")], "samples_per_second"))
    r0 = rs[0]
    out.append((m, str(b), c, "%.1f" % sps, "%.2f" % med(rs, "step_ms"), "%.1f" % med(rs, "train_gflops"),
                str(r0["threads"]), str(r0["openblas_coretype"] or "-"), str(r0["openblas_core_detected"]),
                str(r0["openblas_threads_actual"]), "%.2f" % med(rs, "cpu_per_wall"),
                "%.2f" % med(rs, "loadavg_1m_before"), str(len(rs)), ratio))
w = [max(len(h), *(len(o[i]) for o in out)) if out else len(h) for i, h in enumerate(hdr)]
print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(hdr)) + " |")
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for o in out:
    print("| " + " | ".join(v.ljust(w[i]) for i, v in enumerate(o)) + " |")
EOF
