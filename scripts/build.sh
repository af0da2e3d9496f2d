#!/usr/bin/env bash
# Builds the npm package into pkg/: web and bundler targets, wasm-opt'd, with the
# package.json and README from pkg-template/. Prints the gzip sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-}" = 1 ] || scripts/setup.sh

# One build at a time: pkg/ is replaced as a whole.
exec 9>"${TMPDIR:-/tmp}/bosbase-backups-build.lock"
flock 9

name=bosbase_backups
cargo build --release --target wasm32-unknown-unknown --features js
wasm=target/wasm32-unknown-unknown/release/$name.wasm

rm -rf pkg && mkdir -p pkg
for target in web bundler; do
  wasm-bindgen "$wasm" --target "$target" --out-dir "pkg/$target" --out-name "$name"
  # The error class is a JS snippet (src/js/client_response_error.js), which
  # wasm-bindgen imports but does not export: export it from the entry module too.
  snippet=$(cd "pkg/$target" && ls snippets/*/src/js/client_response_error.js)
  echo "export { ClientResponseError } from \"./$snippet\";" >> "pkg/$target/$name.js"
  tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
    "pkg/$target/${name}_bg.wasm" -o "pkg/$target/${name}_bg.wasm"
done

# The web target's glue is loaded by the browser as is: minify it, keeping class and
# function names for stack traces and the console (bundlers minify the
# bundler target themselves). Its documentation is the .d.ts, which stays whole.
for f in pkg/web/$name.js pkg/web/snippets/*/src/js/*.js; do
  tools/node_modules/.bin/esbuild "$f" --minify --keep-names --format=esm --target=es2020 --log-level=warning --outfile="$f.min"
  mv "$f.min" "$f"
done

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg-template/package.json > pkg/package.json
cp pkg-template/README.md pkg/README.md
cp LICENSE pkg/LICENSE

gz() { gzip -9 -c "$1" | wc -c; }
wasm_gz=$(gz pkg/web/${name}_bg.wasm)
glue_files=(pkg/web/$name.js pkg/web/snippets/*/src/js/*.js)
glue_gz=0 glue_raw=0
for f in "${glue_files[@]}"; do
  glue_gz=$((glue_gz + $(gz "$f"))) glue_raw=$((glue_raw + $(wc -c < "$f")))
done
echo "size: $name.wasm $(wc -c < pkg/web/${name}_bg.wasm) B, gzip -9 $wasm_gz B"
echo "size: $name.js + snippets (web glue, ${#glue_files[@]} files) $glue_raw B, gzip -9 $glue_gz B (each file compressed alone)"

# shellcheck source=../size-budget.txt
source <(grep -E '^[a-z_]+=[0-9]+$' size-budget.txt)
if [ "$wasm_gz" -gt "$wasm_gzip" ] || [ "$glue_gz" -gt "$glue_gzip" ]; then
  echo "size: over the budget in size-budget.txt (wasm $wasm_gz > $wasm_gzip or glue $glue_gz > $glue_gzip B gzip)" >&2
  exit 1
fi
