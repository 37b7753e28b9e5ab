import { createReadStream, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, relative, sep } from 'node:path';
import type { Writable } from 'node:stream';

/**
 * A zip archive streamed to a writable, for downloading a dataset folder (or a split
 * export's files) from the browser host in one go. Entries are stored, not compressed:
 * Parquet and gzip are compressed already, and storing keeps this a copy. Each file is read
 * twice — once for its CRC-32, once into the archive — so memory stays flat whatever the size.
 */
export interface ZipEntry {
  /** The name inside the archive, with forward slashes. */
  name: string;
  path: string;
}

/** Zip's 32-bit sizes and offsets; bigger archives need ZIP64, which this does not write. */
const LIMIT = 0xffffffff;

export function zipEntriesOfFolder(folder: string, root: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push({ name: `${root}/${relative(folder, path).split(sep).join('/')}`, path });
    }
  };
  walk(folder);
  return out;
}

export async function writeZip(out: Writable, entries: readonly ZipEntry[]): Promise<void> {
  const total = entries.reduce(
    (s, e) => s + statSync(e.path).size + 30 + Buffer.byteLength(e.name),
    0,
  );
  if (total >= LIMIT)
    throw new Error('the export is over 4 GB: copy its folder instead of downloading it');
  const { time, date } = dosTime(new Date());
  const central: Buffer[] = [];
  let offset = 0;
  const write = async (b: Buffer) => {
    if (!out.write(b)) await once(out, 'drain');
    offset += b.length;
  };
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = statSync(e.path).size;
    let crc = 0xffffffff;
    for await (const chunk of createReadStream(e.path)) crc = crc32Update(crc, chunk as Buffer);
    crc = (crc ^ 0xffffffff) >>> 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(size, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const at = offset;
    await write(header);
    await write(name);
    for await (const chunk of createReadStream(e.path)) await write(chunk as Buffer);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    entry.writeUInt16LE(20, 6); // needed
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(date, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(size, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(at, 42);
    central.push(entry, name);
  }
  const cdStart = offset;
  for (const b of central) await write(b);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  await write(end);
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32Update(crc: number, bytes: Buffer): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}
