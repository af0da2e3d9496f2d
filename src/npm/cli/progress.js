// A progress bar on a terminal: one line on stderr, redrawn at most 10 times a second,
// cleared when done. Where stderr is not a terminal (cron, a pipe, a log) nothing is drawn.

import { formatBytes } from "./format.js";

const REDRAW_MS = 100;

/** A bar that draws nothing: for output that is not a terminal. */
const SILENT = { update() {}, end() {} };

/**
 * A progress bar for one transfer, or a silent one when `stream` is not a terminal.
 * @param {NodeJS.WriteStream} stream
 * @param {string} label what is moving ("download x.zip")
 * @returns {{update(p: {loaded: number, total: number}): void, end(): void}}
 */
export function progressBar(stream, label) {
  if (!stream.isTTY) return SILENT;
  let last = 0;
  let drawn = false;
  return {
    update({ loaded, total }) {
      const now = Date.now();
      if (now - last < REDRAW_MS && loaded !== total) return;
      last = now;
      drawn = true;
      stream.write(`\r\x1b[K${line(label, loaded, total, stream.columns || 80)}`);
    },
    end() {
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}

/** The bar's text, fitted to the terminal's width. */
function line(label, loaded, total, columns) {
  const amount = total > 0 ? `${formatBytes(loaded)} / ${formatBytes(total)}` : formatBytes(loaded);
  if (!(total > 0)) return `${label} ${amount}`.slice(0, columns - 1);
  const share = Math.min(1, loaded / total);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  // Sized for the widest amount ("total / total"), so the bar keeps its width.
  const widest = 2 * formatBytes(total).length + 3;
  const room = columns - 1 - label.length - widest - percent.length - 5;
  const width = Math.max(0, Math.min(30, room));
  const filled = Math.round(share * width);
  const bar = width ? ` [${"#".repeat(filled)}${"-".repeat(width - filled)}]` : "";
  return `${label}${bar} ${percent} ${amount}`.slice(0, columns - 1);
}
