#!/usr/bin/env bash
# Builds the npm package into pkg/: three wasm modules of crates/core, each as
# wasm-bindgen's web target (wasm-opt'd .wasm, minified glue) — the core under web/,
# with the package's classes (src/npm/) bundled into its glue, the tools under tools/,
# the backup explorer under explorer/ —
# the entry modules of src/npm/entry/ beside them, and the package.json and README
# from pkg-template/. Prints the gzip size of each entry and of the tools, and fails
# past either budget in size-budget.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-}" = 1 ] || scripts/setup.sh

# One build at a time: pkg/ is replaced as a whole.
exec 9>"${TMPDIR:-/tmp}/bosbase-backups-build.lock"
flock 9

esbuild=tools/node_modules/.bin/esbuild
source scripts/lib/release-wasm.sh
rm -rf pkg && mkdir -p pkg/web pkg/tools pkg/explorer

# package NAME OUT: wasm-bindgen's web target of crates/core's module as just built
# (target/…/bosbase_backups_core.wasm), named NAME, into pkg/OUT: the .wasm
# wasm-opt'd, its import and export names shortened (wasm-bindgen writes long ones,
# "__wbg_fetch_509096533071c657"; wasm-opt prints its renaming, and the glue is
# rewritten to match). The glue stays in target/bindgen-OUT for the caller to bundle.
package() {
  local name=$1 out=pkg/$2 bindgen=target/bindgen-$2
  rm -rf "$bindgen"
  wasm-bindgen target/wasm32-unknown-unknown/release/bosbase_backups_core.wasm --target web \
    --out-dir "$bindgen" --out-name "$name"
  tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
    --minify-imports-and-exports-and-modules \
    "$bindgen/${name}_bg.wasm" -o "$out/${name}_bg.wasm" >"$bindgen/renamed.json"
  node scripts/lib/rename-wasm-names.mjs "$bindgen/renamed.json" "$out/${name}_bg.wasm" "$bindgen/$name.js" "$bindgen/$name.d.ts"
}

# The core module (crates/core with the core's calls: every request of the drop-in
# contract, the transfers, the restores) and the package's classes over it
# (src/npm/package.js), bundled with its glue into web/bosbase_backups.js and minified
# (package.js gives the classes their names back). Its types are src/npm/package.d.ts.
release_wasm -p bosbase-backups-core --no-default-features --features core-calls
core_kind=$RELEASE_WASM_KIND
package bosbase_backups web
stage=target/bindgen-web/npm
mkdir -p "$stage" && cp src/npm/*.js "$stage/" && cp target/bindgen-web/bosbase_backups.js "$stage/glue.js"
"$esbuild" "$stage/package.js" --bundle --minify --format=esm --target=es2022 --log-level=warning \
  --outfile=pkg/web/bosbase_backups.js
cp src/npm/package.d.ts pkg/web/bosbase_backups.d.ts
# The tools module (crates/core with the tools' calls, the verifier and the cron
# rules), imported on the first call that needs one: its glue minified.
release_wasm -p bosbase-backups-core --no-default-features --features tool-calls
tools_kind=$RELEASE_WASM_KIND
package bosbase_backups_tools tools
"$esbuild" target/bindgen-tools/bosbase_backups_tools.js --minify --format=esm --target=es2022 --log-level=warning \
  --outfile=pkg/tools/bosbase_backups_tools.js
# The backup explorer's module (crates/core with the explorer: the SQLite reader, the
# records' decoding, the comparison and the recovery), imported by the first explore.
release_wasm -p bosbase-backups-core --no-default-features --features explorer
explorer_kind=$RELEASE_WASM_KIND
package bosbase_backups_explorer explorer
"$esbuild" target/bindgen-explorer/bosbase_backups_explorer.js --minify --format=esm --target=es2022 --log-level=warning \
  --outfile=pkg/explorer/bosbase_backups_explorer.js

# The entry modules (sources written with their paths in the package): copied, then
# passed through esbuild in place, which drops the comments and keeps the code readable
# (and the bundler hints in import() calls, which minifying would drop). Each
# wasm-inline.js becomes its .wasm as base64 (esbuild's binary loader; es2020 so that it
# decodes without Uint8Array.fromBase64 where that is missing).
cp src/npm/entry/*.js src/npm/entry/*.d.ts pkg/
cp src/npm/entry/tools/*.js src/npm/tools/*.js pkg/tools/
cp src/npm/entry/explorer/*.js src/npm/explorer/*.js pkg/explorer/
mkdir -p pkg/node && cp src/npm/node/*.js pkg/node/
"$esbuild" pkg/index.js pkg/inline.js pkg/node.js pkg/load-wasm.js pkg/load-wasm-node.js --format=esm --target=es2022 \
  --log-level=warning --outdir=pkg --allow-overwrite
"$esbuild" pkg/node/*.js --format=esm --target=es2022 --log-level=warning --outdir=pkg/node --allow-overwrite
"$esbuild" pkg/tools/index.js pkg/tools/inline.js pkg/tools/node.js pkg/tools/backups.js --format=esm --target=es2022 \
  --log-level=warning --outdir=pkg/tools --allow-overwrite
"$esbuild" pkg/explorer/index.js pkg/explorer/inline.js pkg/explorer/node.js pkg/explorer/explore.js --format=esm \
  --target=es2022 --log-level=warning --outdir=pkg/explorer --allow-overwrite
# The default entries (the core's and the tools') carry their glue and load-wasm.js in
# themselves: the browser requests the .wasm as soon as one file has loaded, instead of
# after a second round of module requests (start-up measured 44.8 -> 36.2 ms), minified.
# Minifying drops comments, so the bundler hint of the wasm-inline.js import is written
# back (webpack must not bundle that large module: it always emits the .wasm).
"$esbuild" pkg/index.js --bundle --minify --format=esm --target=es2022 --log-level=warning \
  --external:./tools/index.js --external:./explorer/index.js --external:./wasm-inline.js --outfile=pkg/index.js \
  --allow-overwrite
for dir in tools explorer; do
  "$esbuild" pkg/$dir/index.js --bundle --minify --format=esm --target=es2022 --log-level=warning \
    --external:./wasm-inline.js --outfile=pkg/$dir/index.js --allow-overwrite
done
# exactly_once FILE TEXT: fails the build unless FILE holds TEXT once.
exactly_once() {
  [ "$(grep -cF "$2" "$1")" = 1 ] || { echo "build: $1 does not hold $2 exactly once" >&2; exit 1; }
}
for f in pkg/index.js pkg/tools/index.js pkg/explorer/index.js; do
  exactly_once "$f" 'import("./wasm-inline.js")'
  sed -i 's|import("./wasm-inline.js")|import(/* webpackIgnore: true */ "./wasm-inline.js")|' "$f"
done
# The glue's own default .wasm URL (used only by an init() without arguments) is
# relative to the glue: now that it sits in index.js, point it at web/ (bundlers
# resolve it, and webpack fails on a file that is not there).
exactly_once pkg/index.js 'new URL("bosbase_backups_bg.wasm",import.meta.url)'
sed -i 's|new URL("bosbase_backups_bg.wasm",import.meta.url)|new URL("./web/bosbase_backups_bg.wasm",import.meta.url)|' pkg/index.js
for dir in pkg pkg/tools pkg/explorer; do
  "$esbuild" $dir/wasm-inline.js --bundle --loader:.wasm=binary --minify --format=esm --target=es2020 \
    --log-level=warning --outfile=$dir/wasm-inline.js --allow-overwrite
done

# The command line (`bosbase-backups`, the package's bin): copied as written, shebang kept.
mkdir -p pkg/cli && cp src/npm/cli/*.js pkg/cli/ && chmod +x pkg/cli/main.js

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
  echo "size: $label ($*): $raw B, gzip -9 $gzipped B" >&2
  echo "$gzipped"
}
core=bosbase_backups tools=bosbase_backups_tools explorer=bosbase_backups_explorer
default_gz=$(entry_size "default entry" index.js web/${core}_bg.wasm)
entry_size "node entry" node.js load-wasm.js load-wasm-node.js node/files.js node/upload.js web/$core.js web/${core}_bg.wasm >/dev/null
entry_size "inline entry" inline.js load-wasm.js web/$core.js wasm-inline.js >/dev/null
tools_gz=$(entry_size "tools, on first use" tools/index.js tools/${tools}_bg.wasm)
explorer_gz=$(entry_size "explorer, on first explore" explorer/index.js explorer/${explorer}_bg.wasm)
for m in web/$core tools/$tools explorer/$explorer; do
  echo "size: $m: .wasm $(wc -c <pkg/${m}_bg.wasm) B, gzip -9 $(gz pkg/${m}_bg.wasm) B;" \
    "glue $(wc -c <pkg/$m.js) B, gzip -9 $(gz pkg/$m.js) B"
done

# shellcheck source=../size-budget.txt
source <(grep -E '^[a-z_]+=[0-9]+$' size-budget.txt)
# budget LABEL SIZE KIND NAME: fails past the budget NAME (NAME_stable for a stable build).
over=0
budget() {
  local limit_name=$4
  [ "$3" = stable ] && limit_name=${4}_stable
  local limit=${!limit_name}
  echo "size: $1 $2 B gzip, budget $limit B ($limit_name, a $3 build)" >&2
  if [ "$2" -gt "$limit" ]; then
    echo "size: $1 is over its budget in size-budget.txt ($2 > $limit B gzip)" >&2
    over=1
  fi
}
budget "the default entry" "$default_gz" "$core_kind" default_entry_gzip
budget "the tools module" "$tools_gz" "$tools_kind" tools_gzip
budget "the explorer's module" "$explorer_gz" "$explorer_kind" explorer_gzip
exit $over
