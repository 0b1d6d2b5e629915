#!/usr/bin/env python3
"""Volatility baselines beside a trained lstm-attn-vol, computed independently of the tool (numpy only).

For the exact forecasts `evaluate` scores (the test part of the bundle's split, read from model.json), this computes
the target realized_vol_N (sample std of the next N log returns) and the simple forecasts of it:
  persistence  the trailing realized volatility of the last N returns
  ewma_0.94    RiskMetrics: sqrt of the EWMA of squared returns, lambda 0.94
  har          OLS of the target on the trailing realized vol over 24, 168 and 720 candles (day/week/month), fitted on
               the training part's samples only
  har_log      the same regression in logs, exp of the fit
  garch        GARCH(1,1) on the log returns, maximum likelihood (Gaussian) on the training part's returns, Nelder-Mead;
               the forecast is sqrt of the mean of the 1..N-step variance forecasts
and prints a markdown table with the model's own figures (from `evaluate --json`) on the first row.

Usage: /usr/bin/python3 bench/volatility/baselines.py CANDLES.csv MODEL.json EVALUATE.json
"""
import csv
import json
import math
import sys
from datetime import datetime, timezone

import numpy as np


def parse_time(text):
    return datetime.strptime(text.replace("Z", "+00:00"), "%Y-%m-%dT%H:%M:%S%z")


def read_candles(path):
    times, closes = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            times.append(parse_time(row["timestamp"]))
            closes.append(float(row["close"]))
    return times, np.array(closes)


def trailing_std(r, end, n):
    """Sample std of the n returns ending at return index end (inclusive)."""
    return np.std(r[end - n + 1:end + 1], ddof=1)


def garch_fit(returns):
    """Gaussian GARCH(1,1) on demeaned returns: (omega, alpha, beta) maximising the likelihood, by Nelder-Mead."""
    x = returns - returns.mean()
    var0 = x.var()

    def nll(params):
        w, a, b = params
        if w <= 0 or a < 0 or b < 0 or a + b >= 0.9999:
            return 1e18
        s = np.empty_like(x)
        s[0] = var0
        for t in range(1, len(x)):
            s[t] = w + a * x[t - 1] ** 2 + b * s[t - 1]
        return 0.5 * np.sum(np.log(2 * math.pi * s) + x ** 2 / s)

    simplex = np.array([[var0 * 0.05, 0.05, 0.90], [var0 * 0.10, 0.10, 0.85], [var0 * 0.02, 0.08, 0.88], [var0 * 0.05, 0.15, 0.80]])
    values = np.array([nll(p) for p in simplex])
    for _ in range(400):
        order = np.argsort(values)
        simplex, values = simplex[order], values[order]
        centre = simplex[:-1].mean(axis=0)
        reflected = centre + (centre - simplex[-1])
        fr = nll(reflected)
        if fr < values[0]:
            expanded = centre + 2 * (centre - simplex[-1])
            fe = nll(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            contracted = centre + 0.5 * (simplex[-1] - centre)
            fc = nll(contracted)
            if fc < values[-1]:
                simplex[-1], values[-1] = contracted, fc
            else:
                simplex[1:] = simplex[0] + 0.5 * (simplex[1:] - simplex[0])
                values[1:] = [nll(p) for p in simplex[1:]]
    best = simplex[np.argmin(values)]
    return best, x.mean()


def main(candles_path, model_path, evaluate_path):
    model = json.load(open(model_path))
    evaluation = json.load(open(evaluate_path))
    split = model["split"]
    target = next(t for t in model["targets"] if "realized_vol_" in t)
    n = int(target.rsplit("_", 1)[1])
    times, close = read_candles(candles_path)
    r = np.diff(np.log(close))  # r[i-1] is the return of candle i
    index = {t: i for i, t in enumerate(times)}

    def rows(first, last):
        a, b = index[parse_time(first)], index[parse_time(last)]
        return np.arange(a, b + 1)

    def features(t):
        # candle t: returns of candles t-k+1..t are r[t-k]..r[t-1]
        return [trailing_std(r, t - 1, 24), trailing_std(r, t - 1, 168), trailing_std(r, t - 1, 720)]

    def actual(t):
        return trailing_std(r, t - 1 + n, n)

    train = [t for t in rows(split["train_from"], split["train_to"]) if t >= 721 and t + n < len(times)]
    test = [t for t in rows(split["test_from"], split["test_to"]) if t + n < len(times)]
    y = np.array([actual(t) for t in test])
    forecasts = {}
    forecasts["persistence"] = np.array([trailing_std(r, t - 1, n) for t in test])

    ewma = np.empty(len(r))
    ewma[0] = r[0] ** 2
    for i in range(1, len(r)):
        ewma[i] = 0.94 * ewma[i - 1] + 0.06 * r[i] ** 2
    forecasts["ewma_0.94"] = np.sqrt(np.array([ewma[t - 1] for t in test]))

    xtrain = np.array([features(t) for t in train])
    ytrain = np.array([actual(t) for t in train])
    xtest = np.array([features(t) for t in test])
    design = np.c_[np.ones(len(xtrain)), xtrain]
    beta = np.linalg.lstsq(design, ytrain, rcond=None)[0]
    forecasts["har"] = np.c_[np.ones(len(xtest)), xtest] @ beta
    beta_log = np.linalg.lstsq(np.c_[np.ones(len(xtrain)), np.log(xtrain)], np.log(ytrain), rcond=None)[0]
    forecasts["har_log"] = np.exp(np.c_[np.ones(len(xtest)), np.log(xtest)] @ beta_log)

    first_train = index[parse_time(split["train_from"])]
    last_train = index[parse_time(split["train_to"])]
    (w, a, b), mean = garch_fit(r[first_train:last_train])
    x = r - mean
    s = np.empty(len(x))
    s[0] = x[:last_train].var()
    for i in range(1, len(x)):
        s[i] = w + a * x[i - 1] ** 2 + b * s[i - 1]
    long_run = w / (1 - a - b)

    def garch_forecast(t):
        # variance of return r[t] (candle t+1) is s[t]; k steps on: long_run + (a+b)^(k-1) (s[t] - long_run)
        steps = np.arange(n)
        return math.sqrt(np.mean(long_run + (a + b) ** steps * (s[t] - long_run)))

    forecasts["garch_1_1"] = np.array([garch_forecast(t) for t in test])

    def metrics(p):
        e = p - y
        return (np.mean(np.abs(e)), math.sqrt(np.mean(e ** 2)), 1 - np.sum(e ** 2) / np.sum((y - y.mean()) ** 2))

    own = evaluation["targets"][f"realized_vol_{n}"]["model"]
    print(f"{model['symbol']} {model['interval']}, realized_vol_{n}, test part {split['test_from']} .. {split['test_to']} "
          f"({len(test)} samples; evaluate scored {evaluation['samples']}); GARCH(1,1) omega {w:.3g} alpha {a:.3f} beta {b:.3f}")
    print()
    print("| forecast | MAE | RMSE | R² |")
    print("|---|---|---|---|")
    print(f"| lstm-attn-vol (evaluate) | {own['mae']:.6f} | {own['rmse']:.6f} | {own['r2']:.3f} |")
    for name, p in forecasts.items():
        mae, rmse, r2 = metrics(p)
        print(f"| {name} | {mae:.6f} | {rmse:.6f} | {r2:.3f} |")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
