import { describe, expect, it } from 'vitest';
import { splitOf, unitHash } from './split';

describe('split by prompt', () => {
  const prompts = Array.from({ length: 20_000 }, (_, i) => `prompt number ${i}`);

  it('sends about the asked share of prompts to test, the same way every time', () => {
    const test = prompts.filter((p) => splitOf(p, { test: 0.1, seed: 42 }) === 'test');
    expect(test.length / prompts.length).toBeGreaterThan(0.09);
    expect(test.length / prompts.length).toBeLessThan(0.11);
    expect(prompts.filter((p) => splitOf(p, { test: 0.1, seed: 42 }) === 'test')).toEqual(test);
  });

  it('another seed gives another split; a larger ratio keeps the smaller one’s test prompts', () => {
    const a = prompts.filter((p) => splitOf(p, { test: 0.1, seed: 1 }) === 'test');
    const b = prompts.filter((p) => splitOf(p, { test: 0.1, seed: 2 }) === 'test');
    expect(a).not.toEqual(b);
    const wider = new Set(prompts.filter((p) => splitOf(p, { test: 0.2, seed: 1 }) === 'test'));
    expect(a.every((p) => wider.has(p))).toBe(true);
  });

  it('without a split everything is train; the hash stays in [0, 1)', () => {
    expect(splitOf('x', null)).toBe('train');
    for (const p of prompts.slice(0, 1000)) {
      const h = unitHash(p);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(1);
    }
  });
});
