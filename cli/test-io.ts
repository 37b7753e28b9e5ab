import type { Io } from './io';

/** An Io that records what a command prints, for tests. */
export function testIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    progress: () => undefined,
    signal: new AbortController().signal,
    rendererDir: null,
  };
  return { io, out, err };
}
