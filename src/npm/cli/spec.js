// The commands and options of `bosbase-backups`, in one place: the parser (args.js)
// reads them, and the help (help.js) is written from them.

/**
 * Options every command takes. `kind` says how the value is read: "flag" takes none,
 * "text" any string, "ms" a whole number of milliseconds.
 */
export const GLOBAL_OPTIONS = {
  url: { kind: "text", value: "URL", help: "the server (default: env BOSBASE_URL)" },
  credentials: { kind: "text", value: "FILE", help: "read BOSBASE_EMAIL and BOSBASE_PASSWORD from FILE (mode 600)" },
  json: { kind: "flag", help: "one JSON object per line on stdout" },
  timeout: { kind: "ms", value: "MS", help: "give up on a request that waits longer (1 to 86400000)" },
  help: { kind: "flag", short: "h", help: "show this help" },
};

/**
 * Each command: its positional arguments (`optional` ones last), its own options
 * ("count" a whole number from 0, "days" a number of days, may have decimals), a line
 * for the tool's help, what its own help says, and `check(parsed)`, which returns a
 * usage problem the parser cannot see alone (or nothing).
 */
export const COMMANDS = {
  list: {
    args: [],
    options: {},
    summary: "list the backups on the server, oldest first",
    about: "Prints each backup: when it was modified, its size and its key.",
  },
  create: {
    args: [{ name: "NAME", optional: true }],
    options: {},
    summary: "make a backup on the server",
    about: "Makes a backup named NAME (a .zip name the server accepts), or a unique name when NAME is left out, and prints its key.",
  },
  pull: {
    args: [{ name: "DIR" }],
    options: {
      keep: { kind: "count", value: "N", help: "keep the newest N .zip files in DIR, delete older local files" },
      verify: { kind: "flag", help: "verify each downloaded file; problems end in exit code 3" },
    },
    summary: "copy the server's backups into DIR",
    about: [
      "Downloads every backup not yet in DIR (a file of the same name and size counts as",
      "present) through DIR/NAME.part, renamed when complete. With --keep N only the",
      "server's newest N are downloaded, and then the newest N .zip files in DIR are kept:",
      "older local files are deleted, nothing on the server. Nothing is deleted after a",
      "failed download or a verify that found problems.",
    ].join("\n"),
    check: (p) => (p.options.keep === 0 ? "--keep must be at least 1 for pull" : undefined),
  },
  push: {
    args: [{ name: "FILE" }],
    options: {},
    summary: "upload a backup file; its key is the file's name",
    about: "Uploads FILE (a backup .zip) to the server, stored under the file's base name.",
  },
  verify: {
    args: [{ name: "KEY|FILE" }],
    options: {},
    summary: "check a backup as a restore would read it (exit 3 on problems)",
    about: [
      "Reads a local file when one exists at that path (no server or sign-in needed),",
      "else the backup KEY on the server, and checks it without restoring. Exit code 3",
      "when problems are found.",
    ].join("\n"),
  },
  prune: {
    args: [],
    options: {
      keep: { kind: "count", value: "N", help: "keep the newest N backups on the server" },
      "older-than": { kind: "days", value: "DAYS", help: "delete backups older than DAYS (keeps the newest unless --keep 0)" },
      "dry-run": { kind: "flag", help: "print what would be deleted, delete nothing" },
    },
    summary: "delete old backups on the server",
    about: "Deletes the server's backups beyond the newest N (--keep), or older than DAYS (--older-than), or both.",
    check: (p) => {
      if (p.options.keep === undefined && p.options["older-than"] === undefined) return "prune needs --keep N or --older-than DAYS";
      if (p.options.keep === 0 && p.options["older-than"] === undefined) return "--keep 0 alone would delete every backup; add --older-than DAYS";
      return undefined;
    },
  },
  restore: {
    args: [{ name: "KEY" }],
    options: {
      wait: { kind: "flag", help: "wait until the server has restarted on the restored data" },
    },
    summary: "restore a backup on the server (the server restarts)",
    about: "Replaces the server's data with the backup KEY; the server restarts.",
  },
};

/** The options that are refused outright, with why. */
export const REFUSED_OPTIONS = {
  password:
    "a password is never taken as an argument: it would show in the process list and the shell history. " +
    "Set BOSBASE_PASSWORD (with BOSBASE_EMAIL) or use --credentials FILE.",
};
