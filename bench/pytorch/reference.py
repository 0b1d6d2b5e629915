#!/usr/bin/python3
"""PyTorch reference for CryptoPredict's training-throughput benchmarks.

Runs ONE configuration (model, batch, thread count) per process and prints exactly
one JSON line on stdout. Everything else (warnings, progress) goes to stderr.

Must run under Debian's interpreter, /usr/bin/python3 (python3-torch 1.13, linked
against the same libtorch and OpenBLAS as the C# binding). The caller sets
OPENBLAS_CORETYPE / OPENBLAS_NUM_THREADS / OMP_NUM_THREADS in the environment
before starting this process: OpenBLAS reads them once, when torch loads it.

    /usr/bin/python3 bench/pytorch/reference.py --model bilstm2 --batch 32
    OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 \
        /usr/bin/python3 bench/pytorch/reference.py --model bilstm2 --batch 256 --threads 2
    /usr/bin/python3 bench/pytorch/reference.py --describe            # all models
    /usr/bin/python3 bench/pytorch/reference.py --describe --model bilstm_ohlc --layers

Training step, on pre-generated random tensors (fixed seed), model in train mode:
    zero_grad -> forward -> loss -> backward -> Adam(lr=1e-3).step
Throughput: --warmup steps, then --blocks timed blocks of about --seconds/--blocks
each (at least one step per block); samples_per_second is the median over blocks
and step_ms the matching median step time.
"""

import argparse
import ctypes
import json
import os
import platform
import statistics
import sys
import time

SEQ_SHAPES = {  # model -> (T, F): input is [B, T, F], batch_first
    "bilstm2": (60, 13),
    "cnn_lstm_attn": (30, 20),
    "bilstm_ohlc": (60, 13),
    "lstm_attn_vol": (60, 18),
    "lstm_simple": (60, 1),
    "cnn_lstm_regime": (60, 20),
}
MODELS = list(SEQ_SHAPES)

# Trainable-parameter counts from /work/shared/notes/cpu-performance.md (PyTorch count;
# Keras-equivalent = PyTorch - LSTM b_hh). bilstm2 is not in that table: its count is
# the analytic one, 2 x 4H(I+H+2) per BiLSTM layer + 257.
EXPECTED_PARAMS = {
    "bilstm2": 541953,
    "cnn_lstm_attn": 62145,
    "bilstm_ohlc": 359140,
    "lstm_attn_vol": 140545,
    "lstm_simple": 31051,
    "cnn_lstm_regime": 155203,
}
# Forward MFLOP per sample in the table (matmul/conv multiply-adds only, 1 MAC = 2 FLOP).
EXPECTED_FWD_MFLOP = {
    "cnn_lstm_attn": 3.43,
    "bilstm_ohlc": 41.91,
    "lstm_attn_vol": 16.48,
    "lstm_simple": 3.62,
    "cnn_lstm_regime": 19.28,
}


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="PyTorch reference training-throughput benchmark (one config per process, "
                    "one JSON line on stdout). Run with /usr/bin/python3.")
    p.add_argument("--model", default=None,
                   help="one of: %s (default bilstm2; with --describe, default all)" % ", ".join(MODELS))
    p.add_argument("--batch", type=int, default=32, help="batch size (default 32)")
    p.add_argument("--seconds", type=float, default=3.0,
                   help="measured time after warm-up, split into --blocks blocks (default 3)")
    p.add_argument("--blocks", type=int, default=5, help="timed blocks; the median is reported (default 5)")
    p.add_argument("--warmup", type=int, default=3, help="untimed warm-up steps (default 3)")
    p.add_argument("--threads", type=int, default=None,
                   help="torch.set_num_threads(N); default: leave torch's default")
    p.add_argument("--seed", type=int, default=1234, help="seed for weights and data (default 1234)")
    p.add_argument("--pool", type=int, default=4,
                   help="number of pre-generated random batches cycled through (default 4)")
    p.add_argument("--describe", action="store_true",
                   help="print parameter counts / analytic FLOPs as JSON lines and exit (no timing)")
    p.add_argument("--layers", action="store_true",
                   help="with --describe: also list every parameter tensor's name and shape")
    a = p.parse_args(argv)
    if a.model is not None and a.model not in MODELS and not (a.describe and a.model == "all"):
        p.error("unknown --model %r; choose from %s" % (a.model, ", ".join(MODELS)))
    if a.batch < 1 or a.blocks < 1 or a.warmup < 0 or a.seconds <= 0 or a.pool < 1:
        p.error("--batch, --blocks, --pool must be >= 1, --warmup >= 0, --seconds > 0")
    if a.threads is not None and a.threads < 1:
        p.error("--threads must be >= 1")
    return a


def import_torch():
    try:
        import torch  # noqa: F401
        return torch
    except ImportError as e:
        sys.stderr.write(
            "error: cannot import torch (%s) under %s.\n"
            "torch comes from Debian's python3-torch and is only importable from Debian's "
            "interpreter: run this script with /usr/bin/python3, e.g.\n"
            "    /usr/bin/python3 %s --model bilstm2 --batch 32\n"
            "(the python3 first on PATH here may be a pyenv shim without torch; "
            "install with: apt-get install python3-torch)\n" % (e, sys.executable, sys.argv[0]))
        sys.exit(2)


def build_models(torch):
    nn = torch.nn

    class BiLSTM2(nn.Module):
        """Foundation benchmark: 2-layer BiLSTM(13 -> 128), Linear(256 -> 1) on the last step."""

        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(13, 128, num_layers=2, bidirectional=True, batch_first=True)
            self.fc = nn.Linear(256, 1)

        def forward(self, x):
            out, _ = self.lstm(x)          # [B, T, 256]
            return self.fc(out[:, -1, :])  # [B, 1]

    class CnnLstmAttn(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv1d(20, 64, 3, padding=1)  # "same"
            self.lstm = nn.LSTM(64, 64, batch_first=True)
            self.attn = nn.MultiheadAttention(64, 4, batch_first=True)
            self.fc1 = nn.Linear(128, 64)
            self.drop = nn.Dropout(0.2)
            self.fc2 = nn.Linear(64, 1)

        def forward(self, x):                                  # [B, 30, 20]
            c = torch.relu(self.conv(x.transpose(1, 2)))        # [B, 64, 30]
            pooled = c.mean(dim=2)                              # [B, 64]
            s, _ = self.lstm(c.transpose(1, 2))                 # [B, 30, 64]
            a, _ = self.attn(s, s, s, need_weights=False)       # [B, 30, 64]
            h = torch.cat([pooled, a[:, -1, :]], dim=1)         # [B, 128]
            return self.fc2(self.drop(torch.relu(self.fc1(h))))

    class BiLstmOhlc(nn.Module):
        W = (1.0, 1.0, 0.8, 0.8)

        def __init__(self):
            super().__init__()
            self.l1 = nn.LSTM(13, 128, batch_first=True, bidirectional=True)
            self.l2 = nn.LSTM(256, 64, batch_first=True, bidirectional=True)
            self.l3 = nn.LSTM(128, 32, batch_first=True, bidirectional=True)
            self.drop = nn.Dropout(0.2)
            self.fc1 = nn.Linear(64, 64)
            self.fc2 = nn.Linear(64, 32)
            self.heads = nn.ModuleList([nn.Linear(32, 1) for _ in range(4)])

        def forward(self, x):
            s, _ = self.l1(x)
            s, _ = self.l2(self.drop(s))
            _, (h, _) = self.l3(self.drop(s))                   # h: [2, B, 32]
            z = self.drop(torch.cat([h[0], h[1]], dim=1))       # Keras Bidirectional last step
            z = torch.relu(self.fc2(torch.relu(self.fc1(z))))
            return torch.cat([hd(z) for hd in self.heads], dim=1)  # [B, 4]

    class LstmAttnVol(nn.Module):
        def __init__(self):
            super().__init__()
            self.l1 = nn.LSTM(18, 128, batch_first=True)
            self.bn1 = nn.BatchNorm1d(128)
            self.l2 = nn.LSTM(128, 64, batch_first=True)
            self.bn2 = nn.BatchNorm1d(64)
            self.l3 = nn.LSTM(64, 32, batch_first=True)
            self.drop = nn.Dropout(0.2)
            self.att_w = nn.Linear(32, 32)             # W h_t + b
            self.att_v = nn.Linear(32, 1, bias=False)  # v^T tanh(.)
            self.fc1 = nn.Linear(32, 32)
            self.fc2 = nn.Linear(32, 1)

        @staticmethod
        def _bn(bn, s):  # BatchNorm over (B, T): [B, T, C] -> [B, C, T]
            return bn(s.transpose(1, 2)).transpose(1, 2)

        def forward(self, x):
            s, _ = self.l1(x)
            s = self.drop(self._bn(self.bn1, s))
            s, _ = self.l2(s)
            s = self.drop(self._bn(self.bn2, s))
            s, _ = self.l3(s)                                          # [B, 60, 32]
            e = self.att_v(torch.tanh(self.att_w(s)))                  # [B, 60, 1]
            a = torch.softmax(e, dim=1)
            pooled = (a * s).sum(dim=1)                                # [B, 32]
            return self.fc2(torch.relu(self.fc1(pooled)))

    class LstmSimple(nn.Module):
        def __init__(self):
            super().__init__()
            self.l1 = nn.LSTM(1, 50, batch_first=True)
            self.drop = nn.Dropout(0.2)
            self.l2 = nn.LSTM(50, 50, batch_first=True)
            self.fc = nn.Linear(50, 1)

        def forward(self, x):
            s, _ = self.l1(x)
            _, (h, _) = self.l2(self.drop(s))
            return self.fc(h[-1])

    class CnnLstmRegime(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv1d(20, 64, 3)           # valid: 60 -> 58 steps
            self.bn = nn.BatchNorm1d(64)
            self.l1 = nn.LSTM(64, 128, batch_first=True)
            self.l2 = nn.LSTM(128, 64, batch_first=True)
            self.drop = nn.Dropout(0.3)
            self.fc1 = nn.Linear(64, 32)
            self.fc2 = nn.Linear(32, 3)

        def forward(self, x):
            c = self.bn(torch.relu(self.conv(x.transpose(1, 2))))       # [B, 64, 58]
            s, _ = self.l1(c.transpose(1, 2))                           # [B, 58, 128]
            w = torch.softmax(torch.bmm(s, s.transpose(1, 2)), dim=-1)  # Keras Attention(): unscaled
            s = torch.bmm(w, s)                                         # [B, 58, 128]
            _, (h, _) = self.l2(s)
            z = self.drop(h[-1])
            return self.fc2(torch.relu(self.fc1(z)))                    # logits [B, 3]

    return {
        "bilstm2": BiLSTM2,
        "cnn_lstm_attn": CnnLstmAttn,
        "bilstm_ohlc": BiLstmOhlc,
        "lstm_attn_vol": LstmAttnVol,
        "lstm_simple": LstmSimple,
        "cnn_lstm_regime": CnnLstmRegime,
    }


def make_loss(torch, name):
    F = torch.nn.functional
    if name == "bilstm_ohlc":
        w = (1.0, 1.0, 0.8, 0.8)
        return lambda out, y: sum(w[i] * F.mse_loss(out[:, i], y[:, i]) for i in range(4))
    if name == "lstm_attn_vol":
        return lambda out, y: F.huber_loss(out, y, delta=1.0)
    if name == "cnn_lstm_regime":
        return lambda out, y: F.cross_entropy(out, y)
    return lambda out, y: F.mse_loss(out, y)


def make_target(torch, name, b, gen):
    if name == "cnn_lstm_regime":
        return torch.randint(0, 3, (b,), generator=gen)
    if name == "bilstm_ohlc":
        return torch.randn(b, 4, generator=gen)
    return torch.randn(b, 1, generator=gen)


def fwd_flops_per_sample(name):
    """Analytic forward FLOPs per sample: matmul and conv multiply-adds only (1 MAC = 2 FLOP).
    LSTM: T * dirs * 2 * 4H * (I + H) per layer. Same convention as cpu-performance.md."""
    def lstm(t, i, h, dirs=1):
        return t * dirs * 2 * 4 * h * (i + h)

    def lin(i, o, t=1):
        return t * 2 * i * o

    if name == "bilstm2":
        return lstm(60, 13, 128, 2) + lstm(60, 256, 128, 2) + lin(256, 1)
    if name == "cnn_lstm_attn":
        t, e = 30, 64
        mha = 4 * lin(e, e, t) + 2 * (2 * t * t * e)  # 4 projections + QK^T + AV
        return lin(20 * 3, 64, t) + lstm(t, 64, 64) + mha + lin(128, 64) + lin(64, 1)
    if name == "bilstm_ohlc":
        return (lstm(60, 13, 128, 2) + lstm(60, 256, 64, 2) + lstm(60, 128, 32, 2)
                + lin(64, 64) + lin(64, 32) + 4 * lin(32, 1))
    if name == "lstm_attn_vol":
        t = 60
        att = lin(32, 32, t) + lin(32, 1, t) + 2 * t * 32  # W h, v^T tanh, weighted sum
        return (lstm(t, 18, 128) + lstm(t, 128, 64) + lstm(t, 64, 32) + att
                + lin(32, 32) + lin(32, 1))
    if name == "lstm_simple":
        return lstm(60, 1, 50) + lstm(60, 50, 50) + lin(50, 1)
    if name == "cnn_lstm_regime":
        t = 58
        return (lin(20 * 3, 64, t) + lstm(t, 64, 128) + 2 * (2 * t * t * 128)
                + lstm(t, 128, 64) + lin(64, 32) + lin(32, 3))
    raise KeyError(name)


def count_params(torch, model):
    total = sum(p.numel() for p in model.parameters() if p.requires_grad)
    b_hh = sum(p.numel() for n, p in model.named_parameters() if "bias_hh_l" in n.rsplit(".", 1)[-1])
    return total, total - b_hh


def openblas_info():
    """Core type and thread count OpenBLAS actually chose (the library torch loaded)."""
    info = {"openblas_core_detected": None, "openblas_threads_actual": None, "openblas_config": None}
    try:
        paths = set()
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and ("openblas" in parts[-1] or "libblas" in parts[-1]):
                    paths.add(parts[-1])
        for path in sorted(paths, key=lambda s: ("openblas" not in s, s)):
            try:
                lib = ctypes.CDLL(path)
                corename = lib.openblas_get_corename
            except (OSError, AttributeError):
                continue
            corename.restype = ctypes.c_char_p
            cfg = lib.openblas_get_config
            cfg.restype = ctypes.c_char_p
            info["openblas_core_detected"] = corename().decode()
            info["openblas_threads_actual"] = int(lib.openblas_get_num_threads())
            info["openblas_config"] = cfg().decode()
            info["openblas_lib"] = path
            break
    except OSError:
        pass
    return info


def describe(torch, models, names, with_layers):
    for name in names:
        torch.manual_seed(0)
        m = models[name]()
        total, keras_eq = count_params(torch, m)
        flops = fwd_flops_per_sample(name)
        rec = {
            "model": name,
            "input": [SEQ_SHAPES[name][0], SEQ_SHAPES[name][1]],
            "params": total,
            "params_keras_equivalent": keras_eq,
            "params_expected": EXPECTED_PARAMS[name],
            "params_match": total == EXPECTED_PARAMS[name],
            "fwd_mflop_per_sample": round(flops / 1e6, 4),
        }
        if name in EXPECTED_FWD_MFLOP:
            rec["fwd_mflop_expected"] = EXPECTED_FWD_MFLOP[name]
        if with_layers:
            rec["layers"] = [[n, list(p.shape), p.numel()] for n, p in m.named_parameters()]
        print(json.dumps(rec), flush=True)
    return all(count_params(torch, models[n]())[0] == EXPECTED_PARAMS[n] for n in names)


def _loadavg():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def bench(torch, models, a):
    name = a.model or "bilstm2"
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    model = models[name]()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = make_loss(torch, name)
    t, f = SEQ_SHAPES[name]
    data = [(torch.randn(a.batch, t, f, generator=gen), make_target(torch, name, a.batch, gen))
            for _ in range(a.pool)]

    i = 0

    def step():
        nonlocal i
        x, y = data[i % a.pool]
        i += 1
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(a.warmup):
        step()
    block_target = a.seconds / a.blocks
    sps, step_s = [], []
    loss = None
    load_before = _loadavg()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(a.blocks):
        n = 0
        t0 = time.perf_counter()
        while True:
            loss = step()
            n += 1
            el = time.perf_counter() - t0
            if el >= block_target:
                break
        sps.append(n * a.batch / el)
        step_s.append(el / n)
    cpu_per_wall = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    final_loss = float(loss.detach()) if loss is not None else None
    med_sps = statistics.median(sps)
    flops = fwd_flops_per_sample(name)
    total, _ = count_params(torch, model)
    rec = {
        "impl": "pytorch",
        "model": name,
        "batch": a.batch,
        "samples_per_second": round(med_sps, 2),
        "step_ms": round(1000 * statistics.median(step_s), 3),
        "sps_min": round(min(sps), 2),
        "sps_max": round(max(sps), 2),
        "blocks": a.blocks,
        "steps": i - a.warmup,
        "warmup": a.warmup,
        "seconds": a.seconds,
        "train_gflops": round(3 * flops * med_sps / 1e9, 2),
        "params": total,
        "threads": torch.get_num_threads(),
        "threads_requested": a.threads,
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "torch_version": torch.__version__,
        "seed": a.seed,
        # contamination hints for a shared machine: process CPU-seconds per wall-second over the
        # timed blocks (all threads; well below the busy thread count = preempted) and loadavg.
        "cpu_per_wall": round(cpu_per_wall, 2),
        "loadavg_1m_before": load_before,
        "loadavg_1m_after": _loadavg(),
        "final_loss": final_loss,
    }
    # Every other variable that steers OpenBLAS / OpenMP / ATen, exactly as this process saw it
    # (some images pre-set e.g. OPENBLAS_CORETYPE=Haswell or OPENBLAS_L2_SIZE globally).
    rec["env"] = {k: v for k, v in sorted(os.environ.items())
                  if k.startswith(("OPENBLAS_", "GOTO_", "OMP_", "GOMP_", "KMP_", "MKL_", "ATEN_"))}
    ob = openblas_info()
    rec["openblas_core_detected"] = ob["openblas_core_detected"]
    rec["openblas_threads_actual"] = ob["openblas_threads_actual"]
    rec["python"] = platform.python_version()
    rec["nproc"] = os.cpu_count()
    print(json.dumps(rec), flush=True)


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    # The OpenBLAS/OpenMP variables are read when torch loads its libraries: they must
    # already be in the environment (set by the caller), not set from here.
    torch = import_torch()
    if a.threads is not None:
        torch.set_num_threads(a.threads)
    models = build_models(torch)
    if a.describe:
        names = MODELS if a.model in (None, "all") else [a.model]
        ok = describe(torch, models, names, a.layers)
        return 0 if ok else 1
    bench(torch, models, a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
