#!/usr/bin/env bash
# Installs what the build and tests need, only where it is missing, so a
# fresh machine works and a warm one stays fast.
#   scripts/ensure-tools.sh wasm      Rust wasm target, wasm-pack, wasm-bindgen, npm tools
#   scripts/ensure-tools.sh browser   Debian's chromium and chromium-driver too
#   scripts/ensure-tools.sh bench     and Debian's valgrind (bench/run-all counts
#                                     instructions with callgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-wasm}
say() { echo "ensure-tools: $*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (about 2 minutes)"
  cargo install wasm-pack --locked
fi

# wasm-bindgen's CLI must be exactly the library's version from Cargo.lock.
wb=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ -z "$wb" ]; then
  cargo generate-lockfile
  wb=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
  say "installing wasm-bindgen-cli $wb (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$wb" --force
fi

# The README examples' dependencies too (vite, express, fastify,
# @tanstack/form-core): tests/examples builds and runs them.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] \
  || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
  || [ ! -x node_modules/.bin/vite ] || [ ! -d node_modules/express ] \
  || [ ! -d node_modules/fastify ] || [ ! -d node_modules/@tanstack/form-core ]; then
  say "installing npm tools (binaryen, esbuild, playwright-core, axe-core, vite, express, fastify, @tanstack/form-core)"
  # playwright-core drives Debian's chromium: never download a browser.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ "$want" = browser ] || [ "$want" = bench ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if [ "$want" = bench ] && ! command -v valgrind >/dev/null; then
  say "installing Debian's valgrind"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq valgrind >/dev/null
fi
