import { seededRng } from '../metrics/random';

export interface AssignmentRequest {
  /** Items to hand out, in queue order. */
  items: readonly string[];
  /** Items with a known answer: every labeller gets all of them, spread through their queue. */
  gold?: readonly string[];
  labellers: readonly string[];
  /** How many labellers judge each (non-gold) item. */
  overlap: number;
  /** Share of each labeller's items shown again later with the responses swapped (0..0.5). */
  repeatRate?: number;
  /** How many items later a repeat comes back. */
  repeatGap?: number;
  seed?: number;
}

export interface AssignmentPlan {
  /** Each labeller's queue, in order. */
  queues: Map<string, string[]>;
  repeats: Array<{ labellerId: string; itemId: string; afterItemId: string | null }>;
}

export class AssignmentError extends Error {}

/**
 * Plan who labels what. Each item goes to `overlap` labellers, always the least loaded so far
 * (ties broken by a seeded shuffle), so loads differ by at most one and every pair of
 * labellers shares items: what pairwise agreement needs. Gold items join every queue at
 * seeded, evenly spread places, so they cannot be told apart by position. Repeats pick
 * items at random from each queue and bring them back `repeatGap` items later (or at the
 * end). Deterministic for a seed.
 */
export function planAssignment(req: AssignmentRequest): AssignmentPlan {
  const { labellers, overlap } = req;
  if (labellers.length === 0) throw new AssignmentError('choose at least one labeller');
  if (new Set(labellers).size !== labellers.length)
    throw new AssignmentError('a labeller is listed twice');
  if (!Number.isInteger(overlap) || overlap < 1)
    throw new AssignmentError(`overlap must be a whole number of at least 1, got ${overlap}`);
  if (overlap > labellers.length)
    throw new AssignmentError(
      `overlap ${overlap} needs at least ${overlap} labellers; ${labellers.length} chosen`,
    );
  const rate = req.repeatRate ?? 0;
  if (!(rate >= 0 && rate <= 0.5))
    throw new AssignmentError('repeat rate must be between 0 and 0.5');
  const gap = Math.max(1, Math.floor(req.repeatGap ?? 20));
  const rng = seededRng(req.seed ?? 1);
  const goldSet = new Set(req.gold ?? []);
  const load = new Map(labellers.map((l) => [l, 0]));
  const queues = new Map(labellers.map((l): [string, string[]] => [l, []]));
  for (const item of req.items) {
    if (goldSet.has(item)) continue;
    const order = shuffle([...labellers], rng).sort((a, b) => load.get(a)! - load.get(b)!);
    for (const l of order.slice(0, overlap)) {
      queues.get(l)!.push(item);
      load.set(l, load.get(l)! + 1);
    }
  }
  const gold = [...goldSet];
  for (const l of labellers) {
    const q = queues.get(l)!;
    // Spread gold evenly: one in each of |gold| equal stretches, at a random place within it.
    const n = q.length + gold.length;
    const slots = gold.map((_, g) =>
      Math.min(n - 1, Math.floor(((g + rng()) * n) / Math.max(1, gold.length))),
    );
    const merged: string[] = [];
    let gi = 0;
    let qi = 0;
    for (let pos = 0; pos < n; pos++) {
      if (gi < gold.length && (slots[gi]! <= pos || qi >= q.length)) merged.push(gold[gi++]!);
      else merged.push(q[qi++]!);
    }
    queues.set(l, merged);
  }
  const repeats: AssignmentPlan['repeats'] = [];
  if (rate > 0) {
    for (const l of labellers) {
      const q = queues.get(l)!;
      const count = Math.round(q.length * rate);
      const picks = shuffle(
        q.map((_, i) => i),
        rng,
      )
        .slice(0, count)
        .sort((a, b) => a - b);
      for (const i of picks)
        repeats.push({ labellerId: l, itemId: q[i]!, afterItemId: q[i + gap] ?? null });
    }
  }
  return { queues, repeats };
}

function shuffle<T>(a: T[], rng: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
