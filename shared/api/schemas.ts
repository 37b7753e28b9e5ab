/** Schemas shared by several method groups. */
import { z } from 'zod';
import { PromptSchema, MetadataSchema } from '../domain/item';
import { DisplayedVerdictSchema, JudgmentKindSchema } from '../domain/judgment';

export const Id = z.string().min(1).max(200);

export const LabellerSchema = z.object({ id: Id, name: z.string() });
export type Labeller = z.infer<typeof LabellerSchema>;

export const ProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const ProjectInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  projectId: z.string(),
  schemaVersion: z.number().int(),
  showModelNames: z.boolean(),
  counts: z.object({
    items: z.number().int(),
    responses: z.number().int(),
    judgments: z.number().int(),
    labellers: z.number().int(),
  }),
});
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

/** A response as the labeller sees it: in display order, the model name only if shown. */
export const DisplayedResponseSchema = z.object({
  index: z.number().int().nonnegative(),
  model: z.string().nullable(),
  content: z.string(),
});

/** The labeller's current verdict on an item, re-expressed in display terms. */
export const CurrentJudgmentSchema = z.object({
  judgmentId: Id,
  kind: JudgmentKindSchema,
  verdict: DisplayedVerdictSchema,
  rationale: z.string().nullable(),
  flags: z.array(z.string()),
});
export type CurrentJudgment = z.infer<typeof CurrentJudgmentSchema>;

export const ItemViewSchema = z.object({
  id: Id,
  seq: z.number().int(),
  prompt: PromptSchema,
  metadata: MetadataSchema.nullable(),
  /** Responses in the order this labeller sees them. */
  responses: z.array(DisplayedResponseSchema).min(2),
  /** Response indices in display order: what the UI sends back with a judgment. */
  displayedOrder: z.array(z.number().int().nonnegative()),
  current: CurrentJudgmentSchema.nullable(),
  /** Set when this is a swapped repeat: submit the judgment with this repeatId. */
  repeatId: Id.nullable().optional(),
  /**
   * On a team host: the item is leased to this labeller until then (ms epoch); drafts.save and
   * leases.renew keep it. Absent elsewhere.
   */
  heldUntil: z.number().int().nullable().optional(),
});
export type ItemView = z.infer<typeof ItemViewSchema>;

export const JobStartedSchema = z.object({ jobId: Id });

/** One method's declaration: input and output schemas and a line of documentation. */
export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}
