/**
 * How long a job still needs, from the rate it has gone at so far: the work left at the
 * average pace since it started. Null until there is a pace to go by (nothing done yet, no
 * total, no time passed), so a screen never shows a guess made from nothing.
 */
export function timeLeftMs(done: number, total: number | null, elapsedMs: number): number | null {
  if (total === null || !(done > 0) || !(elapsedMs > 0) || !Number.isFinite(elapsedMs)) return null;
  if (done >= total) return 0;
  return Math.round(((total - done) * elapsedMs) / done);
}
