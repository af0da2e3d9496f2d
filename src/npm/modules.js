// The core module's exports (`Call`, `backupPath`) and how to load the tools and
// explorer modules': handed over once by package.js when an entry has instantiated the
// core, read by every service, so that the services take the official constructors'
// arguments. The Node entry adds its file system calls (`node`: src/npm/node/).

/** @type {{Call: any, backupPath: (key: string) => string, tools: () => Promise<any>, explorer: () => Promise<any>, node?: any} | undefined} */
let current;

/** Hands over the core module's exports, and how to load the others'. */
export function useModules(m) {
  current = m;
}

/** The core module's exports; an error when no entry has instantiated it. */
export function coreModules() {
  if (!current) throw new Error("bosbase-backups: import the package through one of its entries");
  return current;
}

/** The Node entry's calls, where it handed them over. */
export function nodeCalls() {
  return current?.node;
}
