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

# The web target's glue is loaded by the browser as is: bundle the error-class module
# into it (one request at start-up, not two) and minify it, keeping class and function
# names for stack traces and the console. Bundlers do both for the bundler target.
# Its documentation is the .d.ts, which stays whole.
tools/node_modules/.bin/esbuild "pkg/web/$name.js" --bundle --minify --keep-names --format=esm \
  --target=es2020 --log-level=warning --outfile="pkg/web/$name.min.js"
mv "pkg/web/$name.min.js" "pkg/web/$name.js"
rm -r pkg/web/snippets

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg-template/package.json > pkg/package.json
cp pkg-template/README.md pkg/README.md
cp LICENSE pkg/LICENSE

gz() { gzip -9 -c "$1" | wc -c; }
wasm_gz=$(gz pkg/web/${name}_bg.wasm)
glue_gz=$(gz pkg/web/$name.js)
echo "size: $name.wasm $(wc -c < pkg/web/${name}_bg.wasm) B, gzip -9 $wasm_gz B"
echo "size: $name.js (web glue) $(wc -c < pkg/web/$name.js) B, gzip -9 $glue_gz B"

# shellcheck source=../size-budget.txt
source <(grep -E '^[a-z_]+=[0-9]+$' size-budget.txt)
if [ "$wasm_gz" -gt "$wasm_gzip" ] || [ "$glue_gz" -gt "$glue_gzip" ]; then
  echo "size: over the budget in size-budget.txt (wasm $wasm_gz > $wasm_gzip or glue $glue_gz > $glue_gzip B gzip)" >&2
  exit 1
fi
