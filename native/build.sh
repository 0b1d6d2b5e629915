#!/usr/bin/env bash
# Builds native/ (libcptorch.so) with CMake; Native.targets calls it from `dotnet build`.
# Usage: native/build.sh SOURCE_DIR BUILD_DIR [CMAKE_PREFIX_PATH]
# Builds of one checkout that run at the same time (a test run and a benchmark, or several projects of a solution)
# share BUILD_DIR: a lock on it makes them configure and compile one after the other instead of over each other.
# Errors are printed in MSBuild's canonical format so `dotnet build` shows them even with -clp:ErrorsOnly.
set -uo pipefail
src=$1 build=$2 prefix=${3:-}
hint="Install libtorch with: sudo apt-get install -y libtorch-dev libopenblas0-pthread cmake g++ (or run ./scripts/install-deps.sh, which installs what is missing). For a PyTorch install elsewhere, build with -p:TorchPrefixPath=\$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')."
fail() { echo "native/build.sh : error CPNATIVE: $*" >&2; exit 1; }

command -v cmake >/dev/null && command -v g++ >/dev/null || fail "cmake and g++ are needed to build native/. $hint"
mkdir -p "$build" || fail "cannot create $build"
if command -v flock >/dev/null; then
  exec 9>"$build/.build.lock" && flock 9 || fail "cannot lock $build/.build.lock"
fi

args=(-S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release)
[ -n "$prefix" ] && args+=("-DCMAKE_PREFIX_PATH=$prefix")
if ! cmake "${args[@]}" >"$build/configure.log" 2>&1; then
  # The first CMake error block, on one line (it names the cause: libtorch not found, compiler missing, ...).
  cause=$(sed -n '/CMake Error/,/^$/p' "$build/configure.log" | head -n 12 | tr -s ' \n\t' ' ')
  fail "CMake could not configure native/: ${cause:-see the log} (full log: $build/configure.log). $hint"
fi
cmake --build "$build" --parallel || fail "compiling native/ failed (compiler output above)"
