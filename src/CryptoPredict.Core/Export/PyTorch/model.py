#!/usr/bin/env python3
"""A CryptoPredict model exported for PyTorch (written by `cryptopredict export --format pytorch`).

Files beside this one:
  state_dict.pt  the weights, torch.load(...) gives an OrderedDict whose names are the modules' below
  export.json    architecture, feature columns, window, scalers and the decoding rule

Usage:
  python3 model.py CANDLES.csv FEATURES.csv
    CANDLES.csv   the candle file predict reads (columns timestamp, ..., close, ...)
    FEATURES.csv  its features as `cryptopredict preprocess` writes them (the command is export.json's
                  features_command); the indicators are computed by the tool, not re-implemented here
  prints the forecast made at the last feature row as JSON, the same values as `predict --json`.

In Python:
  import model
  net = model.load()              # the nn.Module in eval mode, weights loaded
  out = net(window_tensor)        # [batch, window, features] scaled float32 -> [batch, outputs]
"""
import csv
import json
import math
import os
import sys

import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


class LstmClose(nn.Module):
    """lstm (seed 003): LSTM(50) -> LSTM(50), final hidden state -> Linear(50 -> 1)."""

    def __init__(self, features):
        super().__init__()
        self.l1 = nn.LSTM(features, 50, batch_first=True)
        self.drop = nn.Dropout(0.2)
        self.l2 = nn.LSTM(50, 50, batch_first=True)
        self.fc = nn.Linear(50, 1)

    def forward(self, x):
        sequence, _ = self.l1(x)
        _, (hidden, _) = self.l2(self.drop(sequence))
        return self.fc(hidden[-1])


class BiLstmOhlc(nn.Module):
    """bilstm-ohlc (seed 001): BiLSTM 128/64/32, open/high/low/close heads with low <= open, close <= high."""

    def __init__(self, features):
        super().__init__()
        self.l1 = nn.LSTM(features, 128, batch_first=True, bidirectional=True)
        self.l2 = nn.LSTM(256, 64, batch_first=True, bidirectional=True)
        self.l3 = nn.LSTM(128, 32, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(0.2)
        self.fc1 = nn.Linear(64, 64)
        self.fc2 = nn.Linear(64, 32)
        self.open = nn.Linear(32, 1)
        self.high = nn.Linear(32, 1)
        self.low = nn.Linear(32, 1)
        self.close = nn.Linear(32, 1)

    def forward(self, x):
        sequence, _ = self.l1(x)
        sequence, _ = self.l2(self.drop(sequence))
        _, (final, _) = self.l3(self.drop(sequence))
        last = final.transpose(0, 1).flatten(1)
        z = F.relu(self.fc2(F.relu(self.fc1(self.drop(last)))))
        open_, close = self.open(z), self.close(z)
        high = torch.maximum(open_, close) + F.softplus(self.high(z))
        low = torch.minimum(open_, close) - F.softplus(self.low(z))
        return torch.cat([open_, high, low, close], dim=1)


class LstmAttentionVolatility(nn.Module):
    """lstm-attn-vol (seed 002): LSTM 128/64/32 with batch norm over batch and time, attention pooling."""

    def __init__(self, features):
        super().__init__()
        self.l1 = nn.LSTM(features, 128, batch_first=True)
        self.bn1 = nn.BatchNorm1d(128)
        self.l2 = nn.LSTM(128, 64, batch_first=True)
        self.bn2 = nn.BatchNorm1d(64)
        self.l3 = nn.LSTM(64, 32, batch_first=True)
        self.drop = nn.Dropout(0.2)
        self.att_w = nn.Linear(32, 32)
        self.att_v = nn.Linear(32, 1, bias=False)
        self.fc1 = nn.Linear(32, 32)
        self.fc2 = nn.Linear(32, 1)

    def forward(self, x):
        batch, steps = x.shape[0], x.shape[1]
        sequence, _ = self.l1(x)
        sequence = self.drop(self.bn1(sequence.flatten(0, 1)).view(batch, steps, -1))
        sequence, _ = self.l2(sequence)
        sequence = self.drop(self.bn2(sequence.flatten(0, 1)).view(batch, steps, -1))
        sequence, _ = self.l3(sequence)
        weights = torch.softmax(self.att_v(torch.tanh(self.att_w(sequence))), dim=1)
        pooled = (weights * sequence).sum(1)
        return self.fc2(F.relu(self.fc1(pooled)))


class CnnLstmRegime(nn.Module):
    """cnn-lstm-regime (seed 004): Conv1d(k3) + batch norm -> LSTM 128 -> softmax(x x^T) x -> LSTM 64 -> logits."""

    def __init__(self, features):
        super().__init__()
        self.conv = nn.Conv1d(features, 64, 3)
        self.bn = nn.BatchNorm1d(64)
        self.l1 = nn.LSTM(64, 128, batch_first=True)
        self.l2 = nn.LSTM(128, 64, batch_first=True)
        self.drop = nn.Dropout(0.3)
        self.fc1 = nn.Linear(64, 32)
        self.fc2 = nn.Linear(32, 3)

    def forward(self, x):
        conv = self.bn(F.relu(self.conv(x.transpose(1, 2))))
        sequence, _ = self.l1(conv.transpose(1, 2))
        attended = torch.softmax(sequence @ sequence.transpose(1, 2), dim=-1) @ sequence
        _, (hidden, _) = self.l2(attended)
        return self.fc2(F.relu(self.fc1(self.drop(hidden[-1]))))


class CnnLstmAttention(nn.Module):
    """cnn-lstm-attn (seed 000): Conv1d(k3, same) -> LSTM(64) -> 4-head attention from the last step; mean of the
    convolution beside it -> Linear(128 -> 64) -> Linear(64 -> 1)."""

    def __init__(self, features):
        super().__init__()
        self.conv = nn.Conv1d(features, 64, 3, padding=1)
        self.lstm = nn.LSTM(64, 64, batch_first=True)
        self.attn = nn.MultiheadAttention(64, 4, batch_first=True)
        self.fc1 = nn.Linear(128, 64)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(64, 1)

    def forward(self, x):
        conv = F.relu(self.conv(x.transpose(1, 2)))
        pooled = conv.mean(2)
        sequence, _ = self.lstm(conv.transpose(1, 2))
        attended, _ = self.attn(sequence[:, -1:, :], sequence, sequence, need_weights=False)
        joined = torch.cat([pooled, attended[:, 0, :]], dim=1)
        return self.fc2(self.drop(F.relu(self.fc1(joined))))


ARCHITECTURES = {
    "lstm": LstmClose,
    "bilstm-ohlc": BiLstmOhlc,
    "lstm-attn-vol": LstmAttentionVolatility,
    "cnn-lstm-regime": CnnLstmRegime,
    "cnn-lstm-attn": CnnLstmAttention,
}


def description(folder=HERE):
    with open(os.path.join(folder, "export.json"), encoding="utf-8") as f:
        return json.load(f)


def load(folder=HERE):
    """The exported network in eval mode with its weights (strict: every name and shape must match)."""
    spec = description(folder)
    net = ARCHITECTURES[spec["model"]](len(spec["feature_columns"]))
    state = torch.load(os.path.join(folder, spec["pytorch"]["state_dict"]), map_location="cpu")
    net.load_state_dict(state, strict=True)
    return net.eval()


def forecast(net, spec, rows, last_close):
    """Values as predict shows them, from the window's raw feature rows (oldest first) and its last close."""
    scaler = spec["feature_scaler"]
    scaled = [[(v - c) / s for v, c, s in zip(row, scaler["center"], scaler["scale"])] for row in rows]
    with torch.no_grad():
        out = net(torch.tensor([scaled], dtype=torch.float32))
        if spec["kind"] == "regime":
            out = torch.softmax(out, dim=1)
    raw = out[0].double().tolist()
    if spec["target_scaler"] is not None:
        t = spec["target_scaler"]
        raw = [v * s + c for v, c, s in zip(raw, t["center"], t["scale"])]
    rule = spec["decoding"]["rule"]
    if rule == "price_from_log_return":
        values = [last_close * math.exp(v) for v in raw]
    elif rule == "volatility_from_log":
        values = [math.exp(v) for v in raw]
    elif rule == "volatility_at_least_zero":
        values = [max(0.0, v) for v in raw]
    else:
        values = raw
    return dict(zip(spec["output_names"], values))


def _read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: python3 model.py CANDLES.csv FEATURES.csv\n")
        return 1
    spec = description()
    features = _read(argv[2])
    window = spec["window"]
    if len(features) < window:
        sys.stderr.write(f"{argv[2]}: {len(features)} feature rows, the model reads windows of {window}\n")
        return 2
    columns = spec["feature_columns"]
    missing = [c for c in columns if c not in features[0]]
    if missing:
        sys.stderr.write(f"{argv[2]}: no column {missing[0]}; the model reads {', '.join(columns)}\n")
        return 2
    rows = [[float(r[c]) for c in columns] for r in features[-window:]]
    stamp = features[-1]["timestamp"]
    closes = {r["timestamp"]: float(r["close"]) for r in _read(argv[1])}
    if stamp not in closes:
        sys.stderr.write(f"{argv[1]}: no candle at {stamp}, the last feature row\n")
        return 2
    last_close = closes[stamp]
    values = forecast(load(), spec, rows, last_close)
    result = {"timestamp": stamp, "last_close": last_close, "forecast": values}
    if spec["decoding"]["rule"] == "price_from_log_return":
        result["predicted_close"] = values["close"]
        result["change"] = values["close"] / last_close - 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
