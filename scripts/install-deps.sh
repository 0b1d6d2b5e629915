#!/usr/bin/env bash
# Installs what CryptoPredict needs on Debian 12 besides the .NET 10 SDK: libtorch (CPU, 1.13), OpenBLAS
# (without it libtorch falls back to reference BLAS, ~7x slower), and the C++ toolchain that builds native/.
# Set WITH_BENCH=1 to add python3-torch, the PyTorch reference the benchmarks compare against.
# Set WITH_TESTS=1 (test.sh does) to add what only the tests use: postgresql (the real server the batch ledger tests
# start) and chromium (which renders the backtest report).
set -euo pipefail

packages=(libtorch-dev libopenblas0-pthread cmake g++)
if [[ "${WITH_BENCH:-0}" == "1" ]]; then
  packages+=(python3-torch)
fi
test_packages=(postgresql chromium)
if [[ "${WITH_TESTS:-0}" == "1" ]]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing ${missing[*]} and no apt-get here; install libtorch (C++ API) and OpenBLAS by hand." >&2
  exit 1
fi

sudo=""
if [[ "$(id -u)" != "0" ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "error: missing ${missing[*]}; run as root or install sudo." >&2
    exit 1
  fi
fi

echo "Installing ${missing[*]} ..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
