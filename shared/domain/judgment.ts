import { z } from 'zod';

/**
 * Judgments in two vocabularies. The UI speaks in *display positions* (A is the response
 * shown first, B second; a ranking lists positions). Storage speaks in *response indices*
 * (source order). `toStored` is the one place the first becomes the second, using the order
 * the labeller actually saw; `toDisplayed` goes back for revisiting an item.
 */

export const PairwiseChoiceSchema = z.enum(['A', 'B', 'tie', 'both_bad']);
export type PairwiseChoice = z.infer<typeof PairwiseChoiceSchema>;

/** How a stored pairwise judgment came out: for tie/both_bad, chosen/rejected hold the pair in source order. */
export const OutcomeSchema = z.enum(['preferred', 'tie', 'both_bad']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Every revision has a kind; `retract` is the tombstone an undo writes. */
export const JudgmentKindSchema = z.enum(['pairwise', 'ranking', 'rating', 'skip', 'retract']);
export type JudgmentKind = z.infer<typeof JudgmentKindSchema>;

const Position = z.number().int().nonnegative();

/** A verdict as the UI sends it, in display positions. */
export const DisplayedVerdictSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pairwise'),
    choice: PairwiseChoiceSchema,
    /** 1..strengthLevels for the preferred response; null without a scale or for tie/both-bad. */
    strength: z.number().int().min(1).max(4).nullable().default(null),
    /** Per-criterion verdicts, criterion name → A/B/tie. */
    criteria: z.record(z.string(), z.enum(['A', 'B', 'tie'])).default({}),
    /** Which two displayed responses were compared (positions); the first two by default. */
    pair: z.tuple([Position, Position]).default([0, 1]),
  }),
  z.object({
    kind: z.literal('ranking'),
    /** Display positions, best tier first; positions in one tier are tied. */
    tiers: z.array(z.array(Position).min(1)).min(1),
    noneAcceptable: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('rating'),
    ratings: z
      .array(
        z.object({
          position: Position,
          aspects: z.record(z.string(), z.number()).default({}),
          thumb: z.enum(['up', 'down']).nullable().default(null),
        }),
      )
      .min(1),
  }),
  z.object({ kind: z.literal('skip'), reason: z.string().max(500).nullable().default(null) }),
]);
export type DisplayedVerdict = z.output<typeof DisplayedVerdictSchema>;
export type DisplayedVerdictInput = z.input<typeof DisplayedVerdictSchema>;

/** A verdict as stored, in response indices. */
export type StoredVerdict =
  | {
      kind: 'pairwise';
      outcome: Outcome;
      chosenIdx: number;
      rejectedIdx: number;
      strength: number | null;
      /** criterion → index of the better response, or 'tie'. */
      criteria: Record<string, number | 'tie'>;
    }
  | { kind: 'ranking'; tiers: number[][]; noneAcceptable: boolean }
  | {
      kind: 'rating';
      ratings: Array<{ idx: number; aspects: Record<string, number>; thumb: 'up' | 'down' | null }>;
    }
  | { kind: 'skip'; reason: string | null };

export class VerdictError extends Error {}

/** Map a displayed choice on a pair of positions to responses. */
export function resolvePairwise(
  choice: PairwiseChoice,
  displayed: readonly number[],
  pair: readonly [number, number] = [0, 1],
): { outcome: Outcome; chosenIdx: number; rejectedIdx: number } {
  const a = displayed[pair[0]];
  const b = displayed[pair[1]];
  if (a === undefined || b === undefined)
    throw new VerdictError('a pairwise judgment needs two displayed responses');
  if (a === b) throw new VerdictError('a pairwise judgment compares two different responses');
  switch (choice) {
    case 'A':
      return { outcome: 'preferred', chosenIdx: a, rejectedIdx: b };
    case 'B':
      return { outcome: 'preferred', chosenIdx: b, rejectedIdx: a };
    case 'tie':
    case 'both_bad':
      return { outcome: choice, chosenIdx: Math.min(a, b), rejectedIdx: Math.max(a, b) };
  }
}

/** Display positions → response indices. Throws VerdictError on positions that were not shown. */
export function toStored(v: DisplayedVerdict, displayed: readonly number[]): StoredVerdict {
  const idx = (position: number): number => {
    const i = displayed[position];
    if (i === undefined)
      throw new VerdictError(
        `position ${position} was not displayed (${displayed.length} responses shown)`,
      );
    return i;
  };
  switch (v.kind) {
    case 'pairwise': {
      const { outcome, chosenIdx, rejectedIdx } = resolvePairwise(v.choice, displayed, v.pair);
      const a = idx(v.pair[0]);
      const b = idx(v.pair[1]);
      const criteria: Record<string, number | 'tie'> = {};
      for (const [name, c] of Object.entries(v.criteria))
        criteria[name] = c === 'tie' ? 'tie' : c === 'A' ? a : b;
      return {
        kind: 'pairwise',
        outcome,
        chosenIdx,
        rejectedIdx,
        strength: outcome === 'preferred' ? v.strength : null,
        criteria,
      };
    }
    case 'ranking': {
      const seen = new Set<number>();
      for (const p of v.tiers.flat()) {
        if (seen.has(p)) throw new VerdictError(`position ${p} is ranked twice`);
        seen.add(p);
      }
      if (seen.size !== displayed.length)
        throw new VerdictError(
          `a ranking must place all ${displayed.length} responses, got ${seen.size}`,
        );
      return {
        kind: 'ranking',
        tiers: v.tiers.map((t) => t.map(idx)),
        noneAcceptable: v.noneAcceptable,
      };
    }
    case 'rating':
      return {
        kind: 'rating',
        ratings: v.ratings.map((r) => ({
          idx: idx(r.position),
          aspects: r.aspects,
          thumb: r.thumb,
        })),
      };
    case 'skip':
      return v;
  }
}

/** Response indices → display positions for the order this labeller sees. */
export function toDisplayed(s: StoredVerdict, displayed: readonly number[]): DisplayedVerdict {
  const pos = (i: number): number => {
    const p = displayed.indexOf(i);
    if (p < 0) throw new VerdictError(`response ${i} is not displayed`);
    return p;
  };
  switch (s.kind) {
    case 'pairwise': {
      const pa = pos(Math.min(s.chosenIdx, s.rejectedIdx));
      const pb = pos(Math.max(s.chosenIdx, s.rejectedIdx));
      const pair: [number, number] = pa < pb ? [pa, pb] : [pb, pa];
      const choice: PairwiseChoice =
        s.outcome !== 'preferred' ? s.outcome : pos(s.chosenIdx) === pair[0] ? 'A' : 'B';
      const criteria: Record<string, 'A' | 'B' | 'tie'> = {};
      for (const [name, c] of Object.entries(s.criteria))
        criteria[name] = c === 'tie' ? 'tie' : pos(c) === pair[0] ? 'A' : 'B';
      return { kind: 'pairwise', choice, strength: s.strength, criteria, pair };
    }
    case 'ranking':
      return {
        kind: 'ranking',
        tiers: s.tiers.map((t) => t.map(pos)),
        noneAcceptable: s.noneAcceptable,
      };
    case 'rating':
      return {
        kind: 'rating',
        ratings: s.ratings.map((r) => ({
          position: pos(r.idx),
          aspects: r.aspects,
          thumb: r.thumb,
        })),
      };
    case 'skip':
      return s;
  }
}
