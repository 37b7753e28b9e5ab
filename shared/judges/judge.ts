import { z } from 'zod';

/**
 * Judges: named sources of verdicts that are not people — an LLM judge, a reward model, or the
 * verdicts a dataset brought with it (`metadata.source_verdicts`). Stored apart from human
 * judgments (migration 010), so nothing that counts people's labels ever counts them.
 */
export const JudgeKindSchema = z.enum(['llm', 'reward-model', 'dataset']);
export type JudgeKind = z.infer<typeof JudgeKindSchema>;

/** A judge's name: unique in a project, shown in exports as `judge:NAME`. */
export const JudgeNameSchema = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  .refine((s) => s.trim() === s && !/[\u0000-\u001f\u007f]/.test(s), {
    message: 'a judge name has no leading or trailing spaces and no control characters',
  });

export const JudgeSchema = z.object({
  name: z.string(),
  kind: JudgeKindSchema,
  /** The model behind it (an LLM or reward model), when known. */
  model: z.string().nullable(),
  /** The prompt template version an LLM judge was run with (judges.getTemplate). */
  templateVersion: z.number().int().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Verdicts on live items (a preference, a tie or both bad). */
  verdicts: z.number().int(),
  /** Times it was asked and its reply could not be read as a verdict. */
  noVerdict: z.number().int(),
  /** Live items it has a verdict or a no-verdict on. */
  items: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
});
export type Judge = z.infer<typeof JudgeSchema>;

/** What a judge said about one pair: a preference, a tie, both bad, or no readable verdict. */
export type JudgeOutcome = 'preferred' | 'tie' | 'both_bad' | 'none';

/**
 * One verdict of a judge on one pair of an item's responses (source-order indices, `lo < hi`),
 * in the order it was shown (`shownFirst`: the response shown first, null when not known).
 */
export interface JudgeVerdict {
  lo: number;
  hi: number;
  shownFirst: number | null;
  outcome: JudgeOutcome;
  /** The preferred response (lo or hi) when outcome is 'preferred'. */
  winner: number | null;
  /** A reward model's score per response of the item, in source order. */
  scores: Array<number | null> | null;
  rationale: string | null;
  /** The reply as it came, kept when it could not be read as a verdict. */
  rawReply: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  templateVersion: number | null;
  createdAt: number;
}

/** |score(lo) − score(hi)|, or null without both scores. */
export function scoreMargin(v: Pick<JudgeVerdict, 'scores' | 'lo' | 'hi'>): number | null {
  const a = v.scores?.[v.lo];
  const b = v.scores?.[v.hi];
  return typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) : null;
}

/** Two verdicts say the same thing (what an import compares to tell a repeat from a conflict). */
export function sameJudgeVerdict(
  a: Pick<JudgeVerdict, 'outcome' | 'winner' | 'scores' | 'rationale'>,
  b: Pick<JudgeVerdict, 'outcome' | 'winner' | 'scores' | 'rationale'>,
): boolean {
  return (
    a.outcome === b.outcome &&
    a.winner === b.winner &&
    (a.rationale ?? null) === (b.rationale ?? null) &&
    JSON.stringify(a.scores ?? null) === JSON.stringify(b.scores ?? null)
  );
}

/**
 * The suggestion that was on a labeller's screen when they made a judgment: which judge, shown
 * before they judged or after (the project's setting), and what it said (response indices:
 * `chosen` the preferred one; for a tie or both bad, the pair in source order). Stored with the
 * judgment (`suggestion_json`), so the audit can compare anchored and unanchored agreement.
 */
export const ShownSuggestionSchema = z.object({
  judge: z.string().min(1).max(200),
  shown: z.enum(['before', 'after']),
  outcome: z.enum(['preferred', 'tie', 'both_bad']),
  chosen: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type ShownSuggestion = z.infer<typeof ShownSuggestionSchema>;

/** When labellers see a judge's verdict: never (the default: no anchoring), after judging, or before. */
export const SuggestionModeSchema = z.enum(['off', 'after', 'before']);
export type SuggestionMode = z.infer<typeof SuggestionModeSchema>;

export const SuggestionSettingsSchema = z.object({
  mode: SuggestionModeSchema.default('off'),
  /** The judge whose verdicts are shown; required unless mode is off. */
  judge: z.string().min(1).max(200).nullable().default(null),
});
export type SuggestionSettings = z.infer<typeof SuggestionSettingsSchema>;
