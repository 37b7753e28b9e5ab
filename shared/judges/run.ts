import { z } from 'zod';

/** Which items a judge run covers. */
export const JudgeItemsSchema = z.union([
  /** Every live item. */
  z.object({ kind: z.literal('all') }),
  /** Live items no labeller has given a verdict yet (what a judge would fill in). */
  z.object({ kind: z.literal('unjudged') }),
  /** A seeded sample of n live items, the same for the same judge on every run (so it resumes). */
  z.object({ kind: z.literal('sample'), n: z.number().int().min(1).max(10_000_000) }),
]);
export type JudgeItems = z.infer<typeof JudgeItemsSchema>;

/** `all`, `unjudged` or `sample:N`, as the CLI takes it. */
export function parseJudgeItems(s: string): JudgeItems | null {
  if (s === 'all' || s === 'unjudged') return { kind: s };
  const m = /^sample:(\d+)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n >= 1 ? { kind: 'sample', n } : null;
}

/** What to run: an OpenAI-compatible endpoint, a model, and how. */
export const JudgeRunOptionsSchema = z.object({
  /** A server (`http://localhost:8080`), its `/v1`, or the whole `/v1/chat/completions` URL. */
  endpoint: z.string().min(1).max(2000),
  model: z.string().min(1).max(200),
  /** The judge's name in the project (default: the model's). */
  name: z.string().min(1).max(200).nullable().default(null),
  /** Judge each pair twice, in both orders (position bias and consistency become measurable). */
  bothOrders: z.boolean().default(false),
  items: JudgeItemsSchema.default({ kind: 'all' }),
  /** Calls in flight at once. */
  concurrency: z.number().int().min(1).max(64).default(4),
});
export type JudgeRunOptions = z.output<typeof JudgeRunOptionsSchema>;

export const JudgeRunSummarySchema = z.object({
  judge: z.string(),
  model: z.string(),
  templateVersion: z.number().int(),
  /** Items the run covers, and the calls that needed making (pairs × orders not done before). */
  items: z.number().int(),
  tasks: z.number().int(),
  /** Calls already done by an earlier run of this judge, skipped. */
  skipped: z.number().int(),
  /** Calls answered: with a verdict, or with a reply that held none (stored as no verdict). */
  verdicts: z.number().int(),
  noVerdict: z.number().int(),
  /** Calls that failed after their retries (not stored: the next run tries them again). */
  failed: z.number().int(),
  /** Retries after a 429 (rate limited), and all attempts made. */
  rateLimited: z.number().int(),
  attempts: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  /** The first failures, for the lead to read. */
  errors: z.array(z.object({ itemId: z.string(), message: z.string() })),
  cancelled: z.boolean(),
  elapsedMs: z.number(),
});
export type JudgeRunSummary = z.infer<typeof JudgeRunSummarySchema>;

export const JudgeTestResultSchema = z.object({
  itemId: z.string(),
  /** Response indices in the order shown: A, then B. */
  order: z.array(z.number().int()),
  /** The message sent (the template filled in). */
  message: z.string(),
  /** The reply as it came (null when the endpoint sent no content). */
  reply: z.string().nullable(),
  /** What it was read as: A, B, TIE, BOTH_BAD, or null when it states no verdict. */
  verdict: z.enum(['A', 'B', 'TIE', 'BOTH_BAD']).nullable(),
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  ms: z.number(),
});
export type JudgeTestResult = z.infer<typeof JudgeTestResultSchema>;
