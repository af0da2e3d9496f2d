// What the page should show, computed independently of it.

// "220 KiB", "3.0 MiB", "512 B": one decimal below 10, none above.
export function humanSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// The server's "2026-11-28 05:59:21.176Z" as local date and time in India (UTC+5:30,
// no daylight saving; the tests' browser runs in Asia/Kolkata with en-GB):
// { day: "28 Nov 2026", time: "11:29:21" }.
export function kolkata(modified) {
  const ms = Date.parse(modified.replace(" ", "T")) + 5.5 * 3600 * 1000;
  const d = new Date(ms);
  const two = (n) => String(n).padStart(2, "0");
  return {
    day: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    iso: new Date(ms - 5.5 * 3600 * 1000).toISOString(),
  };
}

export const NAME_RULE = /^[a-z0-9_-]+\.zip$/;
