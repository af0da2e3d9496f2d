// Writes the panel's two copies, each a small project of its own:
//   official/  panel.ts as it is (`from "pocketbase"`)
//   bosbase/   panel.ts with only its import line changed to `from "bosbase-backups"`
// each with page.ts, index.html and a tsconfig.json extending ../tsconfig.json. Fails
// unless panel.ts has exactly one line importing "pocketbase" and the two copies
// differ in that line alone.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const here = new URL(".", import.meta.url);
const panel = readFileSync(new URL("panel.ts", here), "utf8");
const lines = panel.split("\n");
const importLines = lines.flatMap((line, i) => (/\bfrom\s+["']pocketbase["']/.test(line) ? [i] : []));
if (importLines.length !== 1 || !/^import .* from "pocketbase";$/.test(lines[importLines[0]])) {
  console.error(`panel.ts: expected one line \`import … from "pocketbase";\`, found lines ${importLines.map((i) => i + 1)}`);
  process.exit(1);
}
const [at] = importLines;
const variants = {
  official: lines,
  bosbase: lines.map((line, i) => (i === at ? line.replace('from "pocketbase";', 'from "bosbase-backups";') : line)),
};
const changed = variants.official.filter((line, i) => line !== variants.bosbase[i]);
if (changed.length !== 1) throw new Error(`the copies differ in ${changed.length} lines`);

for (const [name, text] of Object.entries(variants)) {
  const dir = new URL(`${name}/`, here);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL("panel.ts", dir), text.join("\n"));
  for (const file of ["page.ts", "index.html"]) writeFileSync(new URL(file, dir), readFileSync(new URL(file, here)));
  const tsconfig = { extends: "../tsconfig.json", files: ["page.ts", "panel.ts"] };
  writeFileSync(new URL("tsconfig.json", dir), `${JSON.stringify(tsconfig, null, 2)}\n`);
  console.log(`${name}/panel.ts, line ${at + 1}: ${text[at]}`);
}
