/**
 * The order in which an item's responses are shown to one labeller.
 *
 * Seeded by labeller and item so that it is random across items (no position bias from the
 * source file) yet stable when the labeller revisits an item. Pure and deterministic: the
 * same inputs give the same permutation on every machine, which lets tests and reviewers
 * recompute what a labeller saw.
 */
export function displayOrder(labellerId: string, itemId: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const next = seededRandom(`${labellerId}\u0000${itemId}`);
  // Fisher–Yates.
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** A deterministic generator of numbers in [0, 1) seeded by a string (same seed, same sequence). */
export function seededRandom(seed: string): () => number {
  return mulberry32(fnv1a(seed));
}

/** True when `order` is a permutation of 0..count-1. */
export function isPermutation(order: readonly number[], count: number): boolean {
  if (order.length !== count) return false;
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= count || seen.has(i)) return false;
    seen.add(i);
  }
  return true;
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, dependency-free and good enough for a seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast seeded 32-bit generator (also the metrics' bootstrap RNG). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
