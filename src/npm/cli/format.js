// How sizes read in human output.

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/**
 * A byte count as people read it: "512 B", "1.5 MiB".
 * @param {number} bytes
 * @returns {string}
 */
export function formatBytes(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
