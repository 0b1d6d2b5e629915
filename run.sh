#!/usr/bin/env bash
# Runs the cryptopredict CLI (Release build), installing what is missing first. Usage: ./run.sh <verb> [options]
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh
dotnet build src/CryptoPredict.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet src/CryptoPredict.Cli/bin/Release/net10.0/cryptopredict.dll "$@"
