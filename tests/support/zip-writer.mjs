// The zip writer of the JS tests and benchmarks (the twin of crates/test-zip, which the
// Rust tests use), in Node and in pages alike: archives as lists of byte parts, so that
// a large entry's data is passed through (a Blob of many chunks) and never copied.
//
//   const { parts } = writeZip([storedEntry("data.db", bytes)]);
//   new Blob(parts) / Buffer.concat(parts)

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

// CRC-32 of `bytes`, continuing `crc` (the value of the bytes before; 0 to start).
export function crc32(bytes, crc = 0) {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// A stored entry of `data` (one Uint8Array), its CRC computed.
export function storedEntry(name, data) {
  return { name, parts: [data], size: data.length, crc: crc32(data), method: 0 };
}

// Writes the archive of `entries`, each {name, parts, size, crc, method, descriptor?,
// external?}: `parts` are the entry's data as written (stored bytes, or a deflate stream
// with method 8), `size` its uncompressed length, `descriptor` puts the CRC and sizes
// after the data as the server's writer does, `external` replaces the external
// attributes the server's writer gives (Unix mode 0644 for a file, 0755 for a folder,
// in the high 16 bits). Resolves with {parts, data: [{start, end}]}: where each entry's
// data lies in the archive.
export function writeZip(entries) {
  const out = [];
  const central = [];
  const data = [];
  let offset = 0;
  const push = (part) => {
    out.push(part);
    offset += part.length;
  };
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const compressed = e.parts.reduce((n, p) => n + p.length, 0);
    const flags = 0x0800 | (e.descriptor ? 0x0008 : 0); // UTF-8 names
    const start = offset;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, flags, true);
    local.setUint16(8, e.method, true);
    if (!e.descriptor) {
      local.setUint32(14, e.crc, true);
      local.setUint32(18, compressed, true);
      local.setUint32(22, e.size, true);
    }
    local.setUint16(26, name.length, true);
    push(new Uint8Array(local.buffer));
    push(name);
    data.push({ start: offset, end: offset + compressed });
    for (const p of e.parts) push(p);
    if (e.descriptor) {
      const d = new DataView(new ArrayBuffer(16));
      d.setUint32(0, 0x08074b50, true);
      d.setUint32(4, e.crc, true);
      d.setUint32(8, compressed, true);
      d.setUint32(12, e.size, true);
      push(new Uint8Array(d.buffer));
    }
    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 0x0314, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, flags, true);
    c.setUint16(10, e.method, true);
    c.setUint32(16, e.crc, true);
    c.setUint32(20, compressed, true);
    c.setUint32(24, e.size, true);
    c.setUint16(28, name.length, true);
    const folder = e.name.endsWith("/");
    c.setUint32(38, (e.external ?? (folder ? (0o40755 << 16) | 0x10 : 0o100644 << 16)) >>> 0, true);
    c.setUint32(42, start, true);
    central.push(new Uint8Array(c.buffer), name);
  }
  const cdOffset = offset;
  for (const p of central) push(p);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, offset - cdOffset, true);
  end.setUint32(16, cdOffset, true);
  push(new Uint8Array(end.buffer));
  return { parts: out, data };
}

// The first page of a plausible SQLite database of `pages` pages of 4096 bytes (the
// header with a valid page count), over `page` (a copy of it is changed).
export function sqliteFirstPage(page, pages) {
  const first = page.slice();
  first.set(new TextEncoder().encode("SQLite format 3\0"), 0);
  const head = new DataView(first.buffer, first.byteOffset);
  head.setUint16(16, 4096); // page size
  head.setUint32(24, 1); // change counter
  head.setUint32(28, pages);
  head.setUint32(92, 1); // version-valid-for = change counter: the page count is valid
  return first;
}
