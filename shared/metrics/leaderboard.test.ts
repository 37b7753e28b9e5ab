import { describe, expect, it } from 'vitest';
import {
  bradleyTerry,
  circularTriads,
  elo,
  winRateMatrix,
  wilsonInterval,
  type Comparison,
} from './index';

function battles(spec: Array<[string, string, number, number, number?]>): Comparison[] {
  const out: Comparison[] = [];
  for (const [a, b, aw, bw, ties = 0] of spec) {
    for (let i = 0; i < aw; i++) out.push([a, b, a]);
    for (let i = 0; i < bw; i++) out.push([a, b, b]);
    for (let i = 0; i < ties; i++) out.push([a, b, 'tie']);
  }
  return out;
}

describe('bradleyTerry', () => {
  it('gives log(w/l) between two models, the closed-form MLE', () => {
    const r = bradleyTerry(battles([['x', 'y', 30, 10]]));
    const [x, y] = r.models;
    expect(x!.model).toBe('x');
    expect(x!.logStrength! - y!.logStrength!).toBeCloseTo(Math.log(3), 8);
    expect(r.winProbability['x']!['y']).toBeCloseTo(0.75, 8);
  });

  it('counts a tie as half a win for each side', () => {
    const r = bradleyTerry(battles([['x', 'y', 10, 0, 10]]));
    const x = r.models.find((m) => m.model === 'x')!;
    const y = r.models.find((m) => m.model === 'y')!;
    expect(x.logStrength! - y.logStrength!).toBeCloseTo(Math.log(15 / 5), 8);
    expect(x).toMatchObject({ wins: 10, losses: 0, ties: 10, comparisons: 20 });
  });

  it('solves the likelihood equations: every model’s expected wins equal its observed wins', () => {
    const data = battles([
      ['a', 'b', 12, 8, 2],
      ['b', 'c', 9, 6],
      ['a', 'c', 15, 3, 1],
      ['c', 'd', 7, 5],
      ['a', 'd', 6, 2],
    ]);
    const r = bradleyTerry(data);
    expect(r.converged).toBe(true);
    const theta = Object.fromEntries(r.models.map((m) => [m.model, m.logStrength!]));
    const observed: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const [a, b, w] of data) {
      const pa = 1 / (1 + Math.exp(theta[b]! - theta[a]!));
      expected[a] = (expected[a] ?? 0) + pa;
      expected[b] = (expected[b] ?? 0) + 1 - pa;
      const sa = w === 'tie' ? 0.5 : w === a ? 1 : 0;
      observed[a] = (observed[a] ?? 0) + sa;
      observed[b] = (observed[b] ?? 0) + 1 - sa;
    }
    for (const m of Object.keys(theta)) expect(expected[m]).toBeCloseTo(observed[m]!, 6);
    expect(Object.values(theta).reduce((s, t) => s + t, 0)).toBeCloseTo(0, 10);
  });

  it('reports a model that never lost (or never won) as not estimable, not as infinite', () => {
    const r = bradleyTerry(
      battles([
        ['champ', 'a', 5, 0],
        ['champ', 'b', 3, 0],
        ['a', 'b', 4, 3],
        ['a', 'loser', 2, 0],
      ]),
    );
    const by = Object.fromEntries(r.models.map((m) => [m.model, m]));
    expect(by['champ']).toMatchObject({
      estimable: false,
      reason: 'never-lost',
      logStrength: null,
    });
    expect(by['loser']).toMatchObject({ estimable: false, reason: 'never-won', rating: null });
    expect(by['a']!.estimable && by['b']!.estimable).toBe(true);
    expect(by['a']!.logStrength! - by['b']!.logStrength!).toBeCloseTo(Math.log(4 / 3), 8);
    expect(r.models.at(-1)!.estimable).toBe(false);
    expect(r.winProbability['champ']).toBeUndefined();
  });

  it('keeps only the largest strongly connected group when the data fall apart', () => {
    const r = bradleyTerry(
      battles([
        ['a', 'b', 3, 2],
        ['b', 'c', 2, 2],
        ['x', 'y', 1, 1],
      ]),
    );
    const by = Object.fromEntries(r.models.map((m) => [m.model, m]));
    expect(by['x']!.reason).toBe('separated');
    expect(by['a']!.estimable).toBe(true);
  });

  it('gives seeded, reproducible bootstrap intervals that contain the estimate', () => {
    const data = battles([
      ['a', 'b', 60, 40, 10],
      ['b', 'c', 55, 45],
      ['a', 'c', 70, 30],
    ]);
    const one = bradleyTerry(data, { bootstrap: { rounds: 300, seed: 7 } });
    const two = bradleyTerry(data, { bootstrap: { rounds: 300, seed: 7 } });
    expect(one.models.map((m) => m.interval)).toEqual(two.models.map((m) => m.interval));
    for (const m of one.models) {
      expect(m.interval!.lower!).toBeLessThan(m.logStrength!);
      expect(m.interval!.upper!).toBeGreaterThan(m.logStrength!);
      expect(m.ratingInterval!.lower!).toBeLessThan(m.rating!);
    }
    // Width shrinks with four times the data (about halves).
    const big = bradleyTerry(data.concat(data, data, data), {
      bootstrap: { rounds: 300, seed: 7 },
    });
    const width = (r: typeof one) => r.models[0]!.interval!.upper! - r.models[0]!.interval!.lower!;
    expect(width(big)).toBeLessThan(width(one) * 0.7);
  });

  it('puts a loser that stops winning in a bootstrap round at −∞, not +∞', () => {
    const r = bradleyTerry(battles([['x', 'y', 5, 1]]), { bootstrap: { rounds: 300, seed: 3 } });
    const x = r.models.find((m) => m.model === 'x')!;
    const y = r.models.find((m) => m.model === 'y')!;
    // Poisson(1) is 0 in about a third of the rounds: y's lower bound and x's upper are unbounded.
    expect(y.interval).toMatchObject({ lower: null });
    expect(y.interval!.upper!).toBeLessThan(0);
    expect(x.interval).toMatchObject({ upper: null });
    expect(x.interval!.lower!).toBeGreaterThan(0);
  });

  it('refuses malformed comparisons', () => {
    expect(() => bradleyTerry([['a', 'a', 'a']])).toThrow(/two different/);
    expect(() => bradleyTerry([['a', 'b', 'c']])).toThrow(/neither/);
  });
});

describe('elo', () => {
  it('follows Chatbot Arena’s convention: K=4, start 1000, scale 400, base 10', () => {
    expect(elo([['a', 'b', 'a']])).toEqual({ a: 1002, b: 998 });
    const r = elo([
      ['a', 'b', 'a'],
      ['a', 'b', 'b'],
    ]);
    // Second game: E_a = 1 / (1 + 10^((998 − 1002) / 400)).
    const ea = 1 / (1 + 10 ** (-4 / 400));
    expect(r['a']).toBeCloseTo(1002 - 4 * ea, 12);
    expect(r['a']! + r['b']!).toBeCloseTo(2000, 12);
    expect(elo([['a', 'b', 'tie']])).toEqual({ a: 1000, b: 1000 });
    expect(elo([['a', 'b', 'a']], { k: 32, initial: 1500 })).toEqual({ a: 1516, b: 1484 });
  });
});

describe('winRateMatrix', () => {
  it('counts ties as half a win and leaves unmet pairs null', () => {
    const m = winRateMatrix(
      battles([
        ['a', 'b', 3, 1, 2],
        ['b', 'c', 1, 0],
      ]),
    );
    expect(m.models).toEqual(['a', 'b', 'c']);
    expect(m.rate[0]![1]).toBeCloseTo(4 / 6, 12);
    expect(m.rate[1]![0]).toBeCloseTo(2 / 6, 12);
    expect(m.rate[0]![2]).toBeNull();
    expect(m.count[0]![1]).toBe(6);
  });
});

describe('circularTriads', () => {
  it('finds a > b > c > a and ignores transitive or undecided triples', () => {
    expect(
      circularTriads([
        ['a', 'b', 'a'],
        ['b', 'c', 'b'],
        ['c', 'a', 'c'],
      ]),
    ).toEqual({
      triples: 1,
      circular: 1,
      examples: [['a', 'b', 'c']],
    });
    expect(
      circularTriads([
        ['a', 'b', 'a'],
        ['b', 'c', 'b'],
        ['a', 'c', 'a'],
      ]).circular,
    ).toBe(0);
    expect(
      circularTriads([
        ['a', 'b', 'a'],
        ['b', 'c', 'b'],
        ['c', 'a', 'tie'],
      ]).triples,
    ).toBe(0);
  });

  it('nets repeated comparisons of a pair', () => {
    const r = circularTriads([
      ['a', 'b', 'a'],
      ['a', 'b', 'b'],
      ['a', 'b', 'b'],
      ['b', 'c', 'b'],
      ['c', 'a', 'a'],
    ]);
    expect(r).toMatchObject({ triples: 1, circular: 0 });
  });
});

describe('wilsonInterval', () => {
  it('matches the textbook 50/100 interval (0.4038, 0.5962) and stays inside [0, 1]', () => {
    const i = wilsonInterval(50, 100)!;
    expect(i.lower).toBeCloseTo(0.4038, 4);
    expect(i.upper).toBeCloseTo(0.5962, 4);
    expect(wilsonInterval(0, 5)!.lower).toBe(0);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
