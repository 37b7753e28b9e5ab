import { z } from 'zod';
import { DisplayedVerdictSchema } from '../../domain/judgment';
import { Id, method, ProgressSchema } from '../schemas';

export const SubmitJudgmentSchema = z.object({
  labellerId: Id,
  itemId: Id,
  /** Response indices in the order they were shown: how display positions map back to responses. */
  displayedOrder: z.array(z.number().int().nonnegative()).min(2),
  verdict: DisplayedVerdictSchema,
  rationale: z.string().max(100_000).nullable().default(null),
  flags: z.array(z.string().min(1).max(60)).max(24).default([]),
  /** Active time on the item, in ms. */
  timeMs: z.number().int().nonnegative().max(86_400_000),
  /** The answer to a swapped repeat (ItemView.repeatId): recorded beside, never over, the first judgment. */
  repeatId: Id.nullable().default(null),
  /**
   * The judge whose suggestion was on screen when this verdict was made (judges.suggestion),
   * or null. The backend stores what that judge said and when it was shown, so the audit can
   * compare anchored and unanchored agreement; a suggestion the project cannot have shown is
   * refused.
   */
  suggestion: z
    .object({ judge: z.string().min(1).max(200) })
    .nullable()
    .default(null),
});
export type SubmitJudgment = z.input<typeof SubmitJudgmentSchema>;

export const judgmentMethods = {
  'judgments.submit': method(
    SubmitJudgmentSchema,
    z.object({ judgmentId: Id, revision: z.number().int(), progress: ProgressSchema }),
    'Record a judgment (pairwise, ranking, rating or skip) in display terms. Committed to disk before this returns.',
  ),
  'judgments.undo': method(
    z.object({ labellerId: Id }),
    z
      .object({
        itemId: Id,
        /** Present when the answer taken back was a swapped repeat's: show that repeat again (items.get with it). */
        repeatId: Id.nullable().optional(),
        progress: ProgressSchema,
      })
      .nullable(),
    'Retract this labeller’s most recent judgment (or answer to a swapped repeat); returns the item to show again.',
  ),
} as const;
