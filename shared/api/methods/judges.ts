import { z } from 'zod';
import { JudgeSchema, SuggestionSettingsSchema, type SuggestionSettings } from '../../judges/judge';
import {
  JudgeRunOptionsSchema,
  JudgeRunSummarySchema,
  JudgeTestResultSchema,
} from '../../judges/run';
import { JudgeTemplateSchema } from '../../judges/template';
import { Id, JobStartedSchema, method } from '../schemas';
import { ImportSourceSchema } from './imports';

export {
  JudgeRunOptionsSchema,
  JudgeRunSummarySchema,
  JudgeTestResultSchema,
  SuggestionSettingsSchema,
  type SuggestionSettings,
};
export type { JudgeRunSummary, JudgeTestResult } from '../../judges/run';
export type { Judge } from '../../judges/judge';

/**
 * An API key for one call, kept in memory for that call only: never stored, never logged,
 * never in a job's result. Without it the host's RANKWISE_JUDGE_API_KEY is used.
 */
const ApiKey = z.string().min(1).max(4000).nullable().default(null);

export const JudgeTemplateViewSchema = JudgeTemplateSchema.extend({
  /** Nobody has edited it: the built-in default. */
  isDefault: z.boolean(),
});

/** What a judge said about an item, as the labelling screen shows it (response indices, source order). */
export const SuggestionSchema = z.object({
  judge: z.string(),
  outcome: z.enum(['preferred', 'tie', 'both_bad']),
  /** The preferred response; for a tie or both bad, the pair in source order. */
  chosen: z.number().int(),
  rejected: z.number().int(),
  /** The judge's reasoning, when it gave one: model output, show it as plain text. */
  rationale: z.string().nullable(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const TriageEntrySchema = z.object({
  itemId: Id,
  seq: z.number().int(),
  /** 2: judges disagree with each other; 1: a judge flipped with the order; 0: they agree; −1: no judge verdict. */
  tier: z.number().int(),
  /** Share of judge pairs that disagree on the item (null with fewer than two judges' verdicts). */
  disagreement: z.number().nullable(),
  /** Judges that said different things in the two orders. */
  flipped: z.array(z.string()),
  /** The smallest reward-score margin on the item (null: no scores). */
  margin: z.number().nullable(),
  /** Judges with a verdict on the item. */
  judges: z.number().int(),
});
export type TriageEntry = z.infer<typeof TriageEntrySchema>;

export const JudgeImportSummarySchema = z.object({
  file: z.string(),
  added: z.number().int(),
  alreadyPresent: z.number().int(),
  duplicates: z.number().int(),
  judges: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      created: z.boolean(),
      added: z.number().int(),
    }),
  ),
});

export const judgeMethods = {
  'judges.list': method(
    z.object({}),
    z.object({ judges: z.array(JudgeSchema) }),
    'The project’s judges (LLM judges, reward models, the dataset’s own verdicts), with what each has said.',
  ),
  'judges.import': method(
    z.object({ source: ImportSourceSchema }),
    JobStartedSchema,
    'Import judge verdicts from a JSONL file (docs/judges.md), atomically; the job result is a JudgeImportSummary. A bad line fails the job with IMPORT_FAILED naming file, line and reason.',
  ),
  'judges.fromSource': method(
    z.object({}),
    z.object({
      items: z.number().int(),
      undecided: z.number().int(),
      judges: z.array(
        z.object({
          name: z.string(),
          created: z.boolean(),
          added: z.number().int(),
          alreadyPresent: z.number().int(),
        }),
      ),
    }),
    'Turn the verdicts the dataset brought with it (metadata.source_verdicts) into judges named source:<from>.',
  ),
  'judges.run': method(
    JudgeRunOptionsSchema.extend({ apiKey: ApiKey }),
    JobStartedSchema,
    'Run an LLM judge through an OpenAI-compatible chat-completions endpoint as a job: job.progress counts pairs (unit items); the result is a JudgeRunSummary; jobs.cancel stops it keeping what was answered; running it again resumes. One run at a time.',
  ),
  'judges.test': method(
    z.object({
      endpoint: z.string().min(1).max(2000),
      model: z.string().min(1).max(200),
      /** Default: the first item. */
      itemId: Id.nullable().default(null),
      /** A template to try before saving it (default: the project’s). */
      template: z.string().min(1).max(100_000).nullable().default(null),
      apiKey: ApiKey,
    }),
    JudgeTestResultSchema,
    'Send one pair to the endpoint and read the reply, storing nothing: the message sent, the reply, and the verdict it was read as.',
  ),
  'judges.getTemplate': method(
    z.object({}),
    JudgeTemplateViewSchema,
    'The judge prompt template and its version.',
  ),
  'judges.setTemplate': method(
    z.object({ text: z.string().min(1).max(100_000) }),
    JudgeTemplateViewSchema,
    'Replace the judge prompt template ({{prompt}}, {{response_a}}, {{response_b}}); a changed text is the next version.',
  ),
  'judges.getSuggestions': method(
    z.object({}),
    SuggestionSettingsSchema,
    'Whether labellers see a judge’s verdict (off, after they judge, or before) and whose.',
  ),
  'judges.setSuggestions': method(
    SuggestionSettingsSchema,
    SuggestionSettingsSchema,
    'Turn suggestions off (the default, to avoid anchoring), or show a named judge’s verdict after or before labellers judge.',
  ),
  'judges.suggestion': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({
      mode: z.enum(['off', 'after', 'before']),
      suggestion: SuggestionSchema.nullable(),
      /** Why there is none: suggestions are off, the labeller has not judged yet (after), or the judge has no verdict on the item. */
      reason: z.enum(['off', 'not-judged-yet', 'no-verdict']).nullable(),
    }),
    'The suggestion the labelling screen may show for an item now: with the item (before), once the labeller has judged it (after), or none (off). Submit the judgment with suggestion: {judge} when it was on screen.',
  ),
  'judges.triage': method(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    z.object({ total: z.number().int(), entries: z.array(TriageEntrySchema) }),
    'Live items ordered where humans are needed most: judges disagree, a judge flips with the order, or the reward-score margin is small; then the rest.',
  ),
} as const;
