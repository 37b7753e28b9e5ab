import type { Split } from './options';

/**
 * Train/test assignment grouped by prompt: every row of one prompt lands in the same split,
 * so a test prompt is never seen in training. The split is a seeded hash of the prompt text,
 * not a shuffle: it needs no pass over the data, and a prompt keeps its split when the
 * project grows and is exported again (a re-export never leaks old test prompts into train).
 * The test share is the ratio in expectation; the exact counts are reported.
 */
export type SplitName = 'train' | 'test';

export function splitOf(promptKey: string, split: Split | null): SplitName {
  if (split === null) return 'train';
  return unitHash(`${split.seed}\u0000${promptKey}`) < split.test ? 'test' : 'train';
}

/**
 * cyrb53 (a public-domain 53-bit string hash) scaled to [0, 1): well mixed, fast, and the
 * same on every machine, so the same seed always gives the same split.
 */
export function unitHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n / 2 ** 53;
}
