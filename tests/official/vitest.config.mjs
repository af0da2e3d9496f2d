// The official pocketbase JS SDK's own spec files (spec/, MIT: LICENSE.md), unchanged,
// from its repository at commit 78b4828: every file that tests a class this package
// offers. Their imports of the SDK's sources ("@/Client", "@/services/BackupService",
// …) all resolve to alias.mjs, which is this package as built in pkg/ (its Node entry).
// run.mjs runs them and compares the outcome with expected.mjs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\/.*$/, replacement: new URL("./alias.mjs", import.meta.url).pathname }],
  },
  test: {
    include: ["spec/**/*.spec.ts"],
    root: new URL(".", import.meta.url).pathname,
  },
});
