import { describe, expect, it } from 'vitest';
import { AssignmentError, planAssignment } from './assignment-plan';

const items = Array.from({ length: 100 }, (_, i) => `i${i}`);

describe('planAssignment', () => {
  it('gives every item to exactly k labellers with balanced loads, deterministically', () => {
    const plan = planAssignment({ items, labellers: ['a', 'b', 'c', 'd'], overlap: 3, seed: 5 });
    const count = new Map<string, number>();
    for (const q of plan.queues.values()) for (const i of q) count.set(i, (count.get(i) ?? 0) + 1);
    expect([...count.values()].every((n) => n === 3)).toBe(true);
    expect(count.size).toBe(100);
    const loads = [...plan.queues.values()].map((q) => q.length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(planAssignment({ items, labellers: ['a', 'b', 'c', 'd'], overlap: 3, seed: 5 })).toEqual(
      plan,
    );
    // Every pair of labellers shares items.
    const qs = [...plan.queues.values()].map((q) => new Set(q));
    for (let x = 0; x < qs.length; x++)
      for (let y = x + 1; y < qs.length; y++)
        expect([...qs[x]!].some((i) => qs[y]!.has(i))).toBe(true);
  });

  it('keeps queue order and puts every gold item in every queue, spread out', () => {
    const plan = planAssignment({
      items,
      gold: ['i10', 'i50', 'i90'],
      labellers: ['a', 'b'],
      overlap: 1,
    });
    for (const q of plan.queues.values()) {
      expect(q.filter((i) => ['i10', 'i50', 'i90'].includes(i))).toHaveLength(3);
      const rest = q.filter((i) => !['i10', 'i50', 'i90'].includes(i));
      expect(rest).toEqual([...rest].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))));
      const pos = ['i10', 'i50', 'i90'].map((g) => q.indexOf(g)).sort((x, y) => x - y);
      expect(pos[2]! - pos[0]!).toBeGreaterThan(q.length / 3);
    }
  });

  it('schedules swapped repeats gap items later, or at the end', () => {
    const plan = planAssignment({
      items,
      labellers: ['a'],
      overlap: 1,
      repeatRate: 0.1,
      repeatGap: 5,
    });
    expect(plan.repeats).toHaveLength(10);
    const q = plan.queues.get('a')!;
    for (const r of plan.repeats) {
      const at = q.indexOf(r.itemId);
      expect(r.afterItemId).toBe(q[at + 5] ?? null);
    }
  });

  it('refuses impossible requests with a reason', () => {
    expect(() => planAssignment({ items, labellers: ['a'], overlap: 2 })).toThrow(AssignmentError);
    expect(() => planAssignment({ items, labellers: [], overlap: 1 })).toThrow(/at least one/);
    expect(() => planAssignment({ items, labellers: ['a', 'a'], overlap: 1 })).toThrow(/twice/);
    expect(() => planAssignment({ items, labellers: ['a'], overlap: 1, repeatRate: 0.9 })).toThrow(
      /repeat rate/,
    );
  });
});
