// A zip written by hand, for tests of what ingest reads from a zip (no zip writer among the deps).
import { deflateRawSync } from 'node:zlib';

/** CRC-32 (the zip format's), table-free: test files are small. */
function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A zip of one deflated entry, sizes declared honestly (a bomb that yauzl does not flag itself). */
export function zipOf(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data, { level: 9 });
  const n = Buffer.from(name);
  const common = (h: Buffer, at: number): void => {
    h.writeUInt16LE(20, at); // version needed
    h.writeUInt16LE(0, at + 2); // flags
    h.writeUInt16LE(8, at + 4); // deflate
    h.writeUInt32LE(0, at + 6); // time, date
    h.writeUInt32LE(crc32(data), at + 10);
    h.writeUInt32LE(body.length, at + 14);
    h.writeUInt32LE(data.length, at + 18);
    h.writeUInt16LE(n.length, at + 22);
  };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  common(local, 4);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  common(central, 6);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + body.length, 16);
  return Buffer.concat([local, n, body, central, n, end]);
}
