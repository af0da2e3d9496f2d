// Reads the command line into {command, args, options, help}, against spec.js. Every
// mistake is a UsageError (exit 2) that says what was wrong.

import { UsageError } from "./errors.js";
import { COMMANDS, GLOBAL_OPTIONS, REFUSED_OPTIONS } from "./spec.js";

const MAX_MS = 86_400_000;

/**
 * @typedef {object} Parsed
 * @property {string | undefined} command the command's name (undefined with --help alone)
 * @property {Record<string, string | undefined>} args positional arguments by name
 * @property {Record<string, any>} options options by long name (flags are `true`)
 * @property {boolean} help whether --help or -h was given
 */

/**
 * Parses the arguments after the program's name.
 * @param {string[]} argv
 * @returns {Parsed}
 * @throws {UsageError}
 */
export function parseArgs(argv) {
  const tokens = splitTokens(argv);
  refuseForbidden(tokens);
  const command = tokens.find((t) => t.positional)?.text;
  const spec = command === undefined ? undefined : COMMANDS[command];
  if (tokens.some((t) => t.name === "help")) return { command: spec ? command : undefined, args: {}, options: {}, help: true };
  if (command === undefined) throw new UsageError("no command given");
  if (!spec) throw new UsageError(`unknown command "${command}"`);

  const options = {};
  const positionals = [];
  for (const token of tokens) {
    if (token.positional) {
      positionals.push(token.text);
      continue;
    }
    const option = spec.options[token.name] ?? GLOBAL_OPTIONS[token.name];
    if (!option) throw new UsageError(`unknown option "${token.text}" for ${command}`, command);
    options[token.name] = readValue(token, option, command);
  }
  positionals.shift(); // the command itself
  const args = readPositionals(positionals, spec, command);
  const parsed = { command, args, options, help: false };
  const problem = spec.check?.(parsed);
  if (problem) throw new UsageError(problem, command);
  return parsed;
}

/**
 * The tokens: options (`--name`, `--name=value`, `-h`) with the value that follows them
 * attached later, and positionals (everything after `--` is one).
 * @param {string[]} argv
 */
function splitTokens(argv) {
  const tokens = [];
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const text = argv[i];
    if (rest || text === "-" || !text.startsWith("-")) {
      tokens.push({ positional: true, text });
    } else if (text === "--") {
      rest = true;
    } else if (text.startsWith("--")) {
      const eq = text.indexOf("=");
      const name = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const token = { positional: false, text, name, inline: eq < 0 ? undefined : text.slice(eq + 1) };
      // A value option takes the next word as its value, unless that is another option.
      if (token.inline === undefined && needsValue(name) && i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
        token.next = argv[++i];
      }
      tokens.push(token);
    } else {
      tokens.push({ positional: false, text, name: shortName(text) });
    }
  }
  return tokens;
}

/** Whether an option of that name (of any command) takes a value. */
function needsValue(name) {
  const all = [GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options)];
  return all.some((options) => options[name] && options[name].kind !== "flag");
}

/** The long name of a short option (`-h`), or the text itself when it has none. */
function shortName(text) {
  const found = Object.entries(GLOBAL_OPTIONS).find(([, o]) => o.short && `-${o.short}` === text);
  return found ? found[0] : text;
}

/** Throws on an option that is refused outright (a password), whatever the command. */
function refuseForbidden(tokens) {
  for (const token of tokens) {
    if (!token.positional && REFUSED_OPTIONS[token.name]) throw new UsageError(`--${token.name}: ${REFUSED_OPTIONS[token.name]}`);
  }
}

/** The value of one option, checked against its kind. */
function readValue(token, option, command) {
  const flag = `--${token.name}`;
  if (option.kind === "flag") {
    if (token.inline !== undefined) throw new UsageError(`${flag} takes no value`, command);
    return true;
  }
  const text = token.inline ?? token.next;
  if (text === undefined || text === "") throw new UsageError(`${flag} needs a value (${option.value})`, command);
  if (option.kind === "text") return text;
  if (option.kind === "count") {
    if (!/^\d+$/.test(text)) throw new UsageError(`${flag} needs a whole number, not "${text}"`, command);
    return Number(text);
  }
  if (option.kind === "days") {
    if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`${flag} needs a number of days, not "${text}"`, command);
    return Number(text);
  }
  // "ms"
  const ms = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(ms >= 1 && ms <= MAX_MS)) throw new UsageError(`${flag} needs milliseconds from 1 to ${MAX_MS}, not "${text}"`, command);
  return ms;
}

/** The positional arguments by name: as many as the command needs, no more. */
function readPositionals(values, spec, command) {
  const required = spec.args.filter((a) => !a.optional);
  if (values.length < required.length) throw new UsageError(`${command} needs ${required[values.length].name}`, command);
  if (values.length > spec.args.length) throw new UsageError(`unexpected argument "${values[spec.args.length]}" for ${command}`, command);
  return Object.fromEntries(spec.args.map((a, i) => [a.name, values[i]]));
}
