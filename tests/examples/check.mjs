// The READMEs' examples, type-checked: every ```js, ```javascript, ```ts and ```typescript
// block of README.md and pkg-template/README.md (the npm package's README) becomes a
// module of its own, as written (a .js block checked as JavaScript with checkJs, a .ts
// block as TypeScript), and all are compiled with `tsc --strict` against the built
// package: pkg/ as `bosbase-backups` in a node_modules, resolved through its exports
// map as an app's bundler resolves it. Each example must stand alone: its own imports,
// its own client. A block that does not compile fails the check, named by its README
// and the line there. Blocks of other languages (sh, toml, rust) are not checked here.
//
//   node tests/examples/check.mjs      (after scripts/build.sh; run by check-package.sh)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const READMES = ["README.md", "pkg-template/README.md"];
const LANGS = { js: ".js", javascript: ".js", ts: ".ts", typescript: ".ts" };

/** The checked blocks of a README: `{readme, line (of the opening fence), ext, code}`. */
function blocks(readme, text) {
  const found = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, fence, lang] = open;
    // The closing fence: the same character, at least as many, nothing else.
    const closes = (l) => l.trim().length >= fence.length && l.trim() === fence[0].repeat(l.trim().length);
    let end = i + 1;
    while (end < lines.length && !closes(lines[end])) end++;
    const ext = LANGS[lang.toLowerCase()];
    if (ext) found.push({ readme, line: i + 1, ext, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return found;
}

const work = mkdtempSync(path.join(tmpdir(), "readme-examples-"));
try {
  mkdirSync(path.join(work, "node_modules"));
  symlinkSync(path.join(root, "pkg"), path.join(work, "node_modules", "bosbase-backups"), "dir");
  const files = new Map(); // file -> block
  for (const readme of READMES) {
    for (const block of blocks(readme, readFileSync(path.join(root, readme), "utf8"))) {
      const file = path.join(work, `${readme.replace(/[/.]/g, "_")}_${block.line}${block.ext}`);
      // A module whatever it holds (top-level await, names of its own); the line added
      // at the end moves no line of the example.
      writeFileSync(file, `${block.code}\nexport {};\n`);
      files.set(file, block);
    }
  }
  const options = {
    strict: true,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts", "lib.esnext.disposable.d.ts"],
    types: [],
    skipLibCheck: false,
  };
  const program = ts.createProgram([...files.keys()], options);
  const failures = new Map(); // block -> messages
  const elsewhere = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n    ");
    const block = d.file && files.get(path.resolve(d.file.fileName));
    if (!block) {
      elsewhere.push(`${d.file ? d.file.fileName : "(options)"}: TS${d.code} ${text}`);
      continue;
    }
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const at = `${block.readme}:${block.line + 1 + line}:${character + 1}`;
    failures.set(block, [...(failures.get(block) ?? []), `${at} TS${d.code} ${text}`]);
  }
  for (const block of files.values()) {
    const where = `${block.readme}:${block.line} (${block.ext.slice(1)})`;
    const problems = failures.get(block);
    if (!problems) {
      console.log(`ok - ${where}`);
      continue;
    }
    console.log(`FAILED - ${where}`);
    for (const p of problems) console.log(`    ${p}`);
  }
  for (const e of elsewhere) console.log(`FAILED - ${e}`);
  const failed = failures.size + elsewhere.length;
  // (No "N failed" here: the test command counts such words in the tier's log.)
  console.log(`examples: ${files.size - failures.size} of ${files.size} compile`);
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
