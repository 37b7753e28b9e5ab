import {
  closeSync,
  createWriteStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function benchDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(process.env['BENCH_TMPDIR'] ?? tmpdir(), 'rankwise-bench-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const WORDS =
  'the of and to in is that it for on with as was at by an be this are from or have not but what all were when we there can more if out so up said about into than them only other then'.split(
    ' ',
  );

/** Deterministic filler text of about `bytes` characters (markdown-ish, with a code block). */
export function filler(seed: number, bytes: number): string {
  let s = seed >>> 0;
  const parts: string[] = [];
  let len = 0;
  while (len < bytes) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const w = WORDS[s % WORDS.length]!;
    parts.push(w);
    len += w.length + 1;
    if (s % 97 === 0) {
      parts.push('\n\n```python\nprint("hello")\n```\n');
      len += 30;
    }
  }
  return parts.join(' ');
}

/** A generic JSONL file of `n` items, ~`itemBytes` each (two responses), written streaming. */
export async function writeGenericJsonl(
  path: string,
  n: number,
  itemBytes = 3500,
): Promise<number> {
  const out = createWriteStream(path);
  const third = Math.floor(itemBytes / 3);
  for (let i = 0; i < n; i++) {
    const line =
      JSON.stringify({
        id: `item-${i}`,
        prompt: filler(i, third),
        responses: [
          { model: 'model-a', text: filler(i * 3 + 1, third) },
          { model: 'model-b', text: filler(i * 3 + 2, third) },
        ],
      }) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return statSync(path).size;
}

/**
 * A baseline's plainest read of a file: its lines in batches of `size` (the last one shorter),
 * 1 MB at a time, with nothing of the app's (no stream, no validation).
 */
export function forEachLineBatch(file: string, size: number, batch: (lines: string[]) => void) {
  const fd = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let carry = Buffer.alloc(0);
  let lines: string[] = [];
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const data = carry.length
        ? Buffer.concat([carry, chunk.subarray(0, n)])
        : chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
        lines.push(data.toString('utf8', start, nl));
        start = nl + 1;
        if (lines.length === size) {
          batch(lines);
          lines = [];
        }
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  if (lines.length) batch(lines);
}

/** CPU milliseconds (user + system, every thread) a function takes, and its wall time. */
export function cpuMs(fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const d = process.cpuUsage(c0);
  return { cpu: (d.user + d.system) / 1000, wall: performance.now() - t0 };
}
