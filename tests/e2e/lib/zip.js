// The page tests' zip files, written by the shared test writer (tests/support/zip-writer.mjs).
import { storedEntry, writeZip } from "../../support/zip-writer.mjs";

// A zip of stored entries, each {name, data}, as one Buffer.
export function makeZip(entries) {
  return Buffer.concat(writeZip(entries.map(({ name, data }) => storedEntry(name, new Uint8Array(Buffer.from(data))))).parts);
}

// A zip whose data.db is one plausible SQLite page (header, page size 4096, one page),
// with a byte of its data changed after the CRC was written: verify reports
// entry_crc_mismatch on data.db.
export function damagedBackup() {
  const db = Buffer.alloc(4096);
  db.write("SQLite format 3\0", 0, "latin1");
  db.writeUInt16BE(4096, 16);
  db.writeUInt32BE(1, 28);
  const { parts, data } = writeZip([storedEntry("data.db", new Uint8Array(db))]);
  const zip = Buffer.concat(parts);
  zip[data[0].start + 2000] ^= 0xff;
  return zip;
}
