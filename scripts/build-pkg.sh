#!/usr/bin/env bash
# Builds pkg/: the npm package `motion-validator`, with an ES module for
# browsers (pkg/web, wasm-pack --target web) and one for Node (pkg/node,
# --target nodejs), the typed API over both (js/), and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh wasm

version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
# Build into pkg.new and swap at the end, so a failed build leaves the old pkg/.
P=pkg.new
rm -rf "$P"
# The browser modules: --flatten --rereloop first, the control flow
# rebuilt, then -Oz; 0.4 KB less gzipped than -Oz alone, at the same speed
# (measured in Node). The Node modules (Cargo profile wasm-node, the
# second argument) are optimized for speed (-O3).
wasm_opt() {
  if [ "$2" = wasm-node ]; then
    passes=(-O3)
  else
    passes=(--flatten --rereloop -Oz -Oz --converge)
  fi
  node_modules/.bin/wasm-opt "${passes[@]}" --low-memory-unused --zero-filled-memory \
    --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$1" -o "$1"
}
# Two modules: the validator (crates/wasm), which a page loads, and the
# importer (crates/wasm-import, "Klistra in motion"), loaded only when
# someone pastes a motion.
for module in validator importer; do
  for target in web nodejs; do
    dir=$([ "$target" = nodejs ] && echo node || echo web)
    # The browser's modules are built for size (a page downloads them), the
    # Node modules for speed (Cargo.toml: wasm-release, wasm-node).
    profile=$([ "$target" = nodejs ] && echo wasm-node || echo wasm-release)
    features=()
    if [ "$module" = importer ]; then
      out=$PWD/$P/import-$dir name=motion_validator_import crate=crates/wasm-import
    else
      out=$PWD/$P/$dir name=motion_validator crate=crates/wasm
      # Node writes motions straight into memory (js/tape.js); the browser
      # sends JSON, which its V8 makes faster (crates/wasm/Cargo.toml).
      [ "$target" = nodejs ] && features=(-- --features tape)
    fi
    # wasm-pack's own wasm-opt download cannot work here; binaryen from npm does.
    # The glue crates use the engine without its Unicode tables: the JS engine's.
    wasm-pack --quiet build "$crate" --mode no-install --no-pack --no-opt \
      --target "$target" --profile "$profile" --out-dir "$out" --out-name "$name" "${features[@]}" >&2
    rm -f "$out/.gitignore" "$out/package.json" "$out/README.md"
    wasm_opt "$out/${name}_bg.wasm" "$profile"
  done
done
# pkg/ is "type": "module"; wasm-bindgen's Node output is CommonJS.
echo '{ "type": "commonjs" }' > $P/node/package.json
echo '{ "type": "commonjs" }' > $P/import-node/package.json
cp js/api.js js/tape.js js/web.js js/node.js js/index.d.ts $P/
# Minified JS (readable sources are in js/ and the wasm-bindgen output is
# regenerated on every build): about 1.7 KB less gzipped for the browser.
for f in $P/api.js $P/tape.js $P/web.js $P/node.js $P/web/motion_validator.js $P/import-web/motion_validator_import.js; do
  node_modules/.bin/esbuild "$f" --minify --format=esm --target=es2022 --log-level=warning --outfile="$f" --allow-overwrite
done
# The browser entry as one module: web.js with api.js and the glue bundled
# in (one request instead of three, 0.45 KB less gzipped). The importer
# stays a module of its own, loaded on first paste.
node_modules/.bin/esbuild $P/web.js --bundle --minify --format=esm --target=es2022 --log-level=warning \
  '--external:./import-web/*' --outfile=$P/web.bundle.js
mv $P/web.bundle.js $P/web.js
# The glue finds its .wasm beside itself; bundled, it lives one directory up.
glue_url='new URL("motion_validator_bg.wasm",import.meta.url)'
if ! grep -qF "$glue_url" $P/web.js; then
  echo "build-pkg: the glue's .wasm URL is not in the bundled web.js" >&2
  exit 1
fi
sed -i "s|$glue_url|new URL(\"./web/motion_validator_bg.wasm\",import.meta.url)|" $P/web.js
for f in $P/node/motion_validator.js $P/import-node/motion_validator_import.js; do
  node_modules/.bin/esbuild "$f" --minify --format=cjs --target=es2022 --log-level=warning \
    --outfile="$f" --allow-overwrite
done
cp README.md $P/ 2>/dev/null || true
cat > "$P/package.json" <<JSON
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
  "files": ["*.js", "*.d.ts", "web/", "node/", "import-web/", "import-node/", "README.md"],
  "sideEffects": ["./web.js", "./node.js"]
}
JSON
rm -rf pkg
mv "$P" pkg
echo "built pkg/ (motion-validator $version)" >&2
# Precompressed copies of what browsers load, for `motion-validator serve`
# (it sends the .br or .gz to clients that accept them): best gzip and brotli.
node -e '
const fs = require("fs"), path = require("path"), zlib = require("zlib");
for (const dir of ["pkg", "pkg/web", "pkg/import-web"]) {
  for (const name of fs.readdirSync(dir)) {
    const f = path.join(dir, name);
    if (!/\.(wasm|js)$/.test(name) || !fs.statSync(f).isFile()) continue;
    const data = fs.readFileSync(f);
    fs.writeFileSync(f + ".gz", zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  }
}'
echo "compressed pkg/ for serving (.gz, .br)" >&2
