#!/usr/bin/env bash
# Makes the serde-wasm-bindgen variant of the package OUTSIDE this
# repository, for bench/crossing.mjs. Nothing in the repository changes.
#   bash bench/make-swb-variant.sh [DIR]      (default DIR=/tmp/swb)
# 1. copies the working tree (without target/, node_modules/, pkg/, .git,
#    bench/, fuzz/) to DIR and links node_modules (wasm-opt, esbuild) from here;
# 2. builds it unchanged with scripts/build-pkg.sh and keeps that as
#    DIR/pkg-base (the like-for-like size baseline);
# 3. applies bench/swb-variant.patch with `git apply` (adds the
#    serde-wasm-bindgen dependency and src/wasm/swb.rs: two exports,
#    validateValue and validateValueToJson, next to validateJson) and builds
#    DIR/pkg.
# Cargo's output goes to $CARGO_TARGET_DIR (default DIR-target), never to
# this repository's target/. About 2-3 minutes. Then:
#   MOTION_VALIDATOR_SWB_PKG=DIR/pkg bench/run-all
#   node bench/crossing.mjs --variant DIR/pkg
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/swb}
case "$dir" in "$repo"|"$repo"/*) echo "make-swb-variant: $dir is inside the repository; pick a directory outside it" >&2; exit 2;; esac
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$dir-target}

rm -rf "$dir"
mkdir -p "$dir"
# GNU tar exits 1 when a file changed while it was read (others may be
# working in the tree); that is fine for a benchmark copy, 2 is not.
rc=0
tar -C "$repo" --exclude=./target --exclude=./node_modules --exclude=./pkg --exclude=./.git \
  --exclude=./bench --exclude=./fuzz --warning=no-file-changed -cf - . | tar -C "$dir" -xf - || rc=$?
[ "$rc" -le 1 ] || { echo "make-swb-variant: copying the tree failed" >&2; exit 1; }
ln -s "$repo/node_modules" "$dir/node_modules"
cd "$dir"

echo "make-swb-variant: building the unchanged copy (pkg-base) in $dir" >&2
bash scripts/build-pkg.sh
mv pkg pkg-base

echo "make-swb-variant: applying bench/swb-variant.patch" >&2
# Two small hunks (a Cargo.toml line, a `mod swb;` line) and a new file; if
# their one line of context moved, retry without requiring context.
git apply "$repo/bench/swb-variant.patch" || git apply -C0 --verbose "$repo/bench/swb-variant.patch"
bash scripts/build-pkg.sh
echo "make-swb-variant: done: MOTION_VALIDATOR_SWB_PKG=$dir/pkg" >&2
echo "$dir/pkg"
