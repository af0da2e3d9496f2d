// The help texts, written from spec.js: the tool's (every command) and each command's.

import { COMMANDS, GLOBAL_OPTIONS } from "./spec.js";

const NAME = "bosbase-backups";

/** The usage line of a command: its arguments and options. */
export function usageLine(command) {
  const spec = COMMANDS[command];
  const args = spec.args.map((a) => (a.optional ? `[${a.name}]` : a.name));
  const options = Object.entries(spec.options).map(([name, o]) => (o.value ? `[--${name} ${o.value}]` : `[--${name}]`));
  return [NAME, command, ...args, ...options, "[options]"].join(" ");
}

/** Lines describing options, aligned. */
function optionLines(options) {
  const rows = Object.entries(options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : "";
    return [`  ${short}--${name}${o.value ? ` ${o.value}` : ""}`, o.help];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, help]) => left.padEnd(width) + help);
}

const ENVIRONMENT = [
  "Environment:",
  "  BOSBASE_URL        the server, when --url is not given",
  "  BOSBASE_EMAIL      a superuser's email",
  "  BOSBASE_PASSWORD   its password (never an argument)",
];

const EXIT_CODES = [
  "Exit codes: 0 done; 1 a step failed (the message names it); 2 bad usage;",
  "3 verify found problems; 130/143 interrupted (SIGINT/SIGTERM).",
];

/**
 * The tool's help, or a command's.
 * @param {string} [command]
 * @returns {string}
 */
export function helpText(command) {
  if (command) {
    const spec = COMMANDS[command];
    const own = Object.keys(spec.options).length ? ["", "Options:", ...optionLines(spec.options)] : [];
    return [`Usage: ${usageLine(command)}`, "", spec.about, ...own, "", "Options of every command:",
      ...optionLines(GLOBAL_OPTIONS), "", ...ENVIRONMENT, "", ...EXIT_CODES, ""].join("\n");
  }
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 4;
  const commands = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}${spec.summary}`);
  return [`Usage: ${NAME} COMMAND [ARGS] [options]`, "", "Manages the backups of a PocketBase or BosBase server.", "",
    "Commands:", ...commands, "", "Options:", ...optionLines(GLOBAL_OPTIONS), "", ...ENVIRONMENT,
    "Or: --credentials FILE with lines BOSBASE_EMAIL=… and BOSBASE_PASSWORD=… (mode 600).", "", ...EXIT_CODES, "",
    `${NAME} COMMAND --help shows a command's arguments and options.`, ""].join("\n");
}
