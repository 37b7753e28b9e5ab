/**
 * Time on item, counting only active time. Any input (a key, the pointer, a scroll) is
 * activity; the gap since the previous one counts in full up to `idleMs` and no further, so
 * a labeller reading quietly for half a minute is counted while one who went for lunch is
 * not. A hidden window stops the clock at once. Pure: callers pass the time in.
 */
export interface ActiveClock {
  /** Active time banked so far, ms. */
  totalMs: number;
  /** When the last activity was seen, or null while paused (window hidden). */
  lastAt: number | null;
  idleMs: number;
}

export const DEFAULT_IDLE_MS = 60_000;

export function startClock(now: number, carriedMs = 0, idleMs = DEFAULT_IDLE_MS): ActiveClock {
  return { totalMs: carriedMs, lastAt: now, idleMs };
}

function banked(c: ActiveClock, now: number): number {
  return c.lastAt === null
    ? c.totalMs
    : c.totalMs + Math.min(Math.max(0, now - c.lastAt), c.idleMs);
}

export function activity(c: ActiveClock, now: number): ActiveClock {
  return { ...c, totalMs: banked(c, now), lastAt: now };
}

export function pause(c: ActiveClock, now: number): ActiveClock {
  return { ...c, totalMs: banked(c, now), lastAt: null };
}

/** Active ms up to `now` (what a judgment submitted now records). */
export function readClock(c: ActiveClock, now: number): number {
  return Math.round(banked(c, now));
}
