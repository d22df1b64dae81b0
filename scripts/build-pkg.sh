#!/usr/bin/env bash
# Builds pkg/: the npm package `motion-validator`, with an ES module for
# browsers (pkg/web, wasm-pack --target web) and one for Node (pkg/node,
# --target nodejs), the typed API over both (js/), and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh wasm

version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
rm -rf pkg
for target in web nodejs; do
  out=pkg/$([ "$target" = nodejs ] && echo node || echo web)
  # wasm-pack's own wasm-opt download cannot work here; binaryen from npm does.
  # --no-default-features drops the Unicode tables: the glue uses the JS engine's.
  wasm-pack --quiet build --mode no-install --no-pack --no-opt \
    --target "$target" --profile wasm-release --out-dir "$out" -- --no-default-features >&2
  rm -f "$out/.gitignore" "$out/package.json" "$out/README.md"
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory \
    --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/motion_validator_bg.wasm" -o "$out/motion_validator_bg.wasm"
done
# pkg/ is "type": "module"; wasm-bindgen's Node output is CommonJS.
echo '{ "type": "commonjs" }' > pkg/node/package.json
cp js/api.js js/web.js js/node.js js/index.d.ts pkg/
# Minified JS (readable sources are in js/ and the wasm-bindgen output is
# regenerated on every build): about 1.7 KB less gzipped for the browser.
for f in pkg/api.js pkg/web.js pkg/node.js pkg/web/motion_validator.js; do
  node_modules/.bin/esbuild "$f" --minify --format=esm --target=es2022 --log-level=warning --outfile="$f" --allow-overwrite
done
node_modules/.bin/esbuild pkg/node/motion_validator.js --minify --format=cjs --target=es2022 \
  --log-level=warning --outfile=pkg/node/motion_validator.js --allow-overwrite
cp README.md pkg/ 2>/dev/null || true
cat > pkg/package.json <<JSON
{
  "name": "motion-validator",
  "version": "$version",
  "description": "Checks motions to Swedish municipal councils: the same Rust rules in the browser and on the server.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./web.js"
    },
    "./web": { "types": "./index.d.ts", "default": "./web.js" },
    "./node": { "types": "./index.d.ts", "default": "./node.js" }
  },
  "files": ["*.js", "*.d.ts", "web/", "node/", "README.md"],
  "sideEffects": ["./web.js", "./node.js"]
}
JSON
echo "built pkg/ (motion-validator $version)" >&2
