// No plugins. `ENTRY=default vite build` builds default.html (the package's "." entry)
// into dist-default/ instead of index.html (the "bosbase-backups/web" entry) into dist/.
import { defineConfig } from "vite";

const page = process.env.ENTRY === "default" ? "default" : "index";

export default defineConfig({
  build: {
    outDir: page === "default" ? "dist-default" : "dist",
    rollupOptions: { input: `${page}.html` },
  },
});
