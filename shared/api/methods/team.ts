import { z } from 'zod';
import { Id, JobStartedSchema, LabellerSchema, method } from '../schemas';

export const GoldAnswerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pairwise'),
    outcome: z.enum(['preferred', 'tie', 'both_bad']),
    chosen: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('ranking'),
    tiers: z.array(z.array(z.number().int().nonnegative()).min(1)).min(1),
  }),
]);

export const TeamMemberSchema = LabellerSchema.extend({
  /** Current verdicts (not skips or retractions). */
  judged: z.number().int(),
  /** Revisions of every kind, retractions included. */
  revisions: z.number().int(),
  assigned: z.number().int(),
  repeats: z.object({ planned: z.number().int(), answered: z.number().int() }),
  lastActive: z.number().nullable(),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const AssignmentSummarySchema = z.object({
  items: z.number().int(),
  labellers: z.array(
    z.object({
      id: Id,
      items: z.number().int(),
      gold: z.number().int(),
      repeats: z.number().int(),
    }),
  ),
});

/** What a labeller package job finishes with (the `package` job's result). */
export const PackageResultSchema = z.object({
  path: z.string(),
  labeller: LabellerSchema,
  items: z.number().int(),
  /** The labeller's own earlier judgments carried over, so a re-sent package continues. */
  judgments: z.number().int(),
  gold: z.number().int(),
  repeats: z.number().int(),
});
export type PackageResult = z.infer<typeof PackageResultSchema>;

/** What an annotation file job finishes with (the `annotations` job's result). */
export const AnnotationsResultSchema = z.object({
  path: z.string(),
  labeller: LabellerSchema,
  revisions: z.number().int(),
  repeatAnswers: z.number().int(),
});
export type AnnotationsResult = z.infer<typeof AnnotationsResultSchema>;

export const teamMethods = {
  'team.members': method(
    z.object({}),
    z.object({
      members: z.array(TeamMemberSchema),
      gold: z.number().int(),
      items: z.number().int(),
    }),
    'Everyone who has labelled (or is assigned) in this project, with their progress.',
  ),
  'team.addMember': method(
    z.object({ name: z.string().trim().min(1).max(200) }),
    LabellerSchema,
    'Add a labeller by name (a stable id is made now and kept in every file they touch).',
  ),
  'team.assign': method(
    z.object({
      labellerIds: z.array(Id).min(1),
      overlap: z.number().int().min(1),
      repeatRate: z.number().min(0).max(0.5).default(0),
      repeatGap: z.number().int().min(1).max(10_000).default(20),
      seed: z.number().int().default(1),
      /**
       * The order items are handed out in, and so each queue's order: queue order, or triage
       * (judges.triage: where judges disagree, flip with the order or barely prefer one
       * response come first).
       */
      order: z.enum(['items', 'triage']).default('items'),
    }),
    AssignmentSummarySchema,
    'Plan per-labeller queues: each item to `overlap` labellers, gold items to all, swapped repeats; replaces the previous plan.',
  ),
  'team.setGold': method(
    z.object({
      itemId: Id,
      answer: GoldAnswerSchema,
      hidden: z.boolean().default(true),
      note: z.string().max(10_000).nullable().default(null),
    }),
    z.object({ itemId: Id }),
    'Give an item a known answer (response indices); hidden from labellers unless hidden is false.',
  ),
  'team.exportPackage': method(
    z.object({ labellerId: Id, items: z.enum(['assigned', 'all']).default('assigned') }),
    JobStartedSchema,
    'Write a labeller package (a project file with their slice, settings and guidelines); the job result has its path.',
  ),
  'team.exportAnnotations': method(
    z.object({ labellerId: Id }),
    JobStartedSchema,
    'Write one labeller’s judgments as an annotation file; the job result has its path.',
  ),
} as const;

export const teamEvents = {
  'team.changed': z.object({ what: z.enum(['reviews', 'assignments', 'gold', 'merge']) }),
} as const;
