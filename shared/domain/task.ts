import { z } from 'zod';

/**
 * What labellers are asked to do in a project, edited by the lead and stored with a version
 * (bumped on every change) so each judgment can be traced to the settings it was made under.
 */
export const RationaleRuleSchema = z.enum(['off', 'optional', 'required', 'required-for-ties']);

export const RatingAspectSchema = z.object({
  name: z.string().min(1).max(60),
  min: z.number().int(),
  max: z.number().int(),
});

export const TaskSettingsObject = z.object({
  version: z.number().int().min(1).default(1),
  /** How items are judged. */
  mode: z.enum(['pairwise', 'ranking', 'rating']).default('pairwise'),
  showModelNames: z.boolean().default(false),
  pairwise: z
    .object({
      allowTie: z.boolean().default(true),
      allowBothBad: z.boolean().default(true),
      /**
       * Strength levels per side (0 = no strength). 4 gives Llama 2's scale: negligibly,
       * slightly, better, significantly better. A stored strength is 1..levels, for the
       * preferred response.
       */
      strengthLevels: z.number().int().min(0).max(4).default(0),
      strengthLabels: z.array(z.string().max(60)).max(4).default([]),
      /** Items with more than two responses, shown as pairs: which pair(s). */
      pairSampling: z.enum(['first-two', 'random-pair']).default('first-two'),
    })
    .prefault({}),
  /** Named criteria judged A/B/tie beside the overall choice (e.g. helpfulness, harmlessness). */
  criteria: z.array(z.string().min(1).max(60)).max(12).default([]),
  rationale: RationaleRuleSchema.default('optional'),
  /** Flags a labeller can raise on an item (ids). */
  flags: z
    .array(z.string().min(1).max(60))
    .max(24)
    .default(['unsafe', 'pii', 'refusal', 'factual-error']),
  ranking: z
    .object({
      allowTies: z.boolean().default(true),
      allowNoneAcceptable: z.boolean().default(true),
    })
    .prefault({}),
  rating: z
    .object({
      aspects: z
        .array(RatingAspectSchema)
        .max(12)
        .default([{ name: 'overall', min: 1, max: 5 }]),
      /** Thumbs up/down per response (KTO-style desirable/undesirable). */
      thumbs: z.boolean().default(false),
    })
    .prefault({}),
});
export const TaskSettingsSchema = TaskSettingsObject.prefault({});
export type TaskSettings = z.infer<typeof TaskSettingsSchema>;

export const GuidelinesSchema = z.object({
  version: z.number().int().min(1),
  markdown: z.string().max(1_000_000),
});
export type Guidelines = z.infer<typeof GuidelinesSchema>;

export const DEFAULT_TASK: TaskSettings = TaskSettingsSchema.parse({});

/** Llama 2's four levels, the default labels when a scale has no names of its own. */
export const DEFAULT_STRENGTH_LABELS = [
  'negligibly better',
  'slightly better',
  'better',
  'significantly better',
];
