#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm-bindgen web target (wasm-opt'd .wasm,
# glue bundled with the error class and minified) under web/, the entry modules of
# src/js/entry/ beside it, and the package.json and README from pkg-template/.
# Prints the gzip size of each entry and fails past the budget in size-budget.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-}" = 1 ] || scripts/setup.sh

# One build at a time: pkg/ is replaced as a whole.
exec 9>"${TMPDIR:-/tmp}/bosbase-backups-build.lock"
flock 9

name=bosbase_backups
esbuild=tools/node_modules/.bin/esbuild
source scripts/lib/release-wasm.sh
release_wasm
wasm=target/wasm32-unknown-unknown/release/$name.wasm

# wasm-bindgen's output as it comes, kept out of pkg/.
bindgen=target/bindgen-web
rm -rf "$bindgen" pkg && mkdir -p pkg/web
wasm-bindgen "$wasm" --target web --out-dir "$bindgen" --out-name "$name"
# The import and export names shortened too (wasm-bindgen writes some 270 long ones,
# "__wbg_fetch_509096533071c657"): wasm-opt prints its renaming, and the glue and its
# InitOutput declaration are rewritten to match.
tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  --minify-imports-and-exports-and-modules \
  "$bindgen/${name}_bg.wasm" -o "pkg/web/${name}_bg.wasm" >"$bindgen/renamed.json"
node scripts/lib/rename-wasm-names.mjs "$bindgen/renamed.json" "pkg/web/${name}_bg.wasm" "$bindgen/$name.js" "$bindgen/$name.d.ts"
cp "$bindgen/$name.d.ts" pkg/web/

# The glue is loaded by the browser as is: bundle the JS snippets it imports (the error
# class, src/js/client_response_error.js) into it, one request at start-up instead of
# two, and minify it, keeping class and function names for stack traces and the
# console. The module esbuild starts from re-exports the glue and every snippet module,
# so the error class is exported from the one copy the glue throws. Its documentation
# is the .d.ts, which stays whole.
{
  echo "export * from \"./$name.js\";"
  echo "export { default } from \"./$name.js\";"
  (cd "$bindgen" && find snippets -name '*.js' 2>/dev/null | sort) | sed 's|.*|export * from "./&";|'
} | (cd "$bindgen" && "../../$esbuild" --bundle --minify --keep-names --format=esm --target=es2020 \
  --log-level=warning --sourcefile=glue-entry.js --outfile="../../pkg/web/$name.js")

# The entry modules (sources written with their paths in the package): copied, then
# passed through esbuild in place, which drops the comments and keeps the code readable
# (and the bundler hints in import() calls, which minifying would drop). wasm-inline.js
# becomes the .wasm as base64 (esbuild's binary loader; es2020 so that it decodes
# without Uint8Array.fromBase64 where that is missing).
cp src/js/entry/*.js src/js/entry/*.d.ts pkg/
"$esbuild" pkg/index.js pkg/inline.js pkg/node.js --format=esm --target=es2022 \
  --log-level=warning --outdir=pkg --allow-overwrite
"$esbuild" pkg/wasm-inline.js --bundle --loader:.wasm=binary --minify --format=esm --target=es2020 \
  --log-level=warning --outfile=pkg/wasm-inline.js --allow-overwrite

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg-template/package.json > pkg/package.json
cp pkg-template/README.md pkg/README.md
cp LICENSE pkg/LICENSE

# Each entry's size: the files it loads on its normal path, each gzip -9'd on its own
# (as a server sends them), added up.
gz() { gzip -9 -c "$1" | wc -c; }
entry_size() {
  local label=$1 raw=0 gzipped=0 f; shift
  for f in "$@"; do
    raw=$((raw + $(wc -c <"pkg/$f"))); gzipped=$((gzipped + $(gz "pkg/$f")))
  done
  echo "size: $label entry ($*): $raw B, gzip -9 $gzipped B" >&2
  echo "$gzipped"
}
default_gz=$(entry_size default index.js web/$name.js web/${name}_bg.wasm)
entry_size node node.js web/$name.js web/${name}_bg.wasm >/dev/null
entry_size inline inline.js web/$name.js wasm-inline.js >/dev/null
echo "size: of which $name.wasm $(wc -c <pkg/web/${name}_bg.wasm) B, gzip -9 $(gz pkg/web/${name}_bg.wasm) B;" \
  "web glue $(wc -c <pkg/web/$name.js) B, gzip -9 $(gz pkg/web/$name.js) B"

# shellcheck source=../size-budget.txt
source <(grep -E '^[a-z_]+=[0-9]+$' size-budget.txt)
if [ "$default_gz" -gt "$default_entry_gzip" ]; then
  echo "size: the default entry is over the budget in size-budget.txt ($default_gz > $default_entry_gzip B gzip)" >&2
  exit 1
fi
