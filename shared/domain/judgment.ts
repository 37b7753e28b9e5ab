import { z } from 'zod';

/**
 * What the labeller chose, in terms of what was *displayed*: A is the response shown first
 * (left), B the one shown second. The backend maps it back to responses through the
 * displayed order before storing, so nothing downstream ever sees display positions.
 */
export const PairwiseChoiceSchema = z.enum(['A', 'B', 'tie', 'both_bad']);
export type PairwiseChoice = z.infer<typeof PairwiseChoiceSchema>;

/**
 * How a stored pairwise judgment came out, in terms of responses:
 * `preferred` — chosen_idx beat rejected_idx; `tie` and `both_bad` — no preference, and
 * chosen_idx/rejected_idx hold the compared pair in source order.
 */
export const OutcomeSchema = z.enum(['preferred', 'tie', 'both_bad']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Every revision has a kind; `retract` is the tombstone an undo writes. */
export const JudgmentKindSchema = z.enum(['pairwise', 'ranking', 'rating', 'skip', 'retract']);
export type JudgmentKind = z.infer<typeof JudgmentKindSchema>;

/** Map a displayed choice to responses. `displayed` lists response indices in display order. */
export function resolvePairwise(
  choice: PairwiseChoice,
  displayed: readonly number[],
): { outcome: Outcome; chosenIdx: number; rejectedIdx: number } {
  const a = displayed[0];
  const b = displayed[1];
  if (a === undefined || b === undefined)
    throw new Error('a pairwise judgment needs two displayed responses');
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
