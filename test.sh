#!/usr/bin/env bash
# Runs every test of the solution, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")"
export WITH_TESTS=1
./scripts/install-deps.sh
dotnet test CryptoPredict.sln -c Release -nologo "$@"
