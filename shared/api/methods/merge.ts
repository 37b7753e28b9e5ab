import { z } from 'zod';
import { Id, JobStartedSchema, LabellerSchema, method } from '../schemas';

export const MergeSourceSchema = z.union([
  /** A file on the backend's disk (Electron's file dialog, the CLI); refused by the browser host. */
  z.object({ path: z.string().min(1) }),
  /** A file the browser uploaded to the host (`POST /upload`). */
  z.object({ uploadId: Id }),
]);

const Count = z.number().int().nonnegative();

/** One problem of a refused file: its line (null for the whole file) and what is wrong. */
export const MergeProblemSchema = z.object({
  line: z.number().int().nullable(),
  reason: z.string(),
});
export type MergeProblemView = z.infer<typeof MergeProblemSchema>;

export const FileOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('merged'),
    file: z.string(),
    kind: z.enum(['annotations', 'project']),
    labellers: z.array(LabellerSchema),
    added: z.number().int(),
    alreadyPresent: z.number().int(),
    repeatAnswersAdded: z.number().int(),
    /** Things worth knowing, in words (older revisions, items judged twice, renamed labellers). */
    notes: z.array(z.string()),
    /** What may mean work is missing, though the file merged (no end line). */
    warnings: z.array(z.string()),
    /**
     * Added revisions older than their labeller's current judgment of the item before the
     * merge: they went into its history, the verdict did not change. The first 20 items named.
     */
    olderRevisions: z.object({ count: Count, itemCount: Count, itemIds: z.array(z.string()) }),
    /**
     * Items judged twice by one labeller in this file (revisions that do not supersede each
     * other), with their lines (0 in a project file) and ids in time order; the first 100 listed.
     */
    twoJudgments: z.object({
      count: Count,
      list: z.array(
        z.object({
          itemId: z.string(),
          labellerId: z.string(),
          lines: z.array(Count),
          ids: z.array(z.string()),
        }),
      ),
    }),
  }),
  z.object({
    status: z.literal('refused'),
    file: z.string(),
    code: z.string(),
    /** `file:line: reason` for each problem (up to 100), then what was not merged. */
    message: z.string(),
    /** `{file, problems, total}`, as in the error's details. */
    problems: z.unknown(),
    /** How many problems the file has in all. */
    problemCount: Count,
    /** The first 100 problems: whole-file ones first, then by line. */
    problemList: z.array(MergeProblemSchema),
  }),
]);
export type FileOutcomeView = z.infer<typeof FileOutcomeSchema>;
export const MergeResultSchema = z.object({ files: z.array(FileOutcomeSchema) });
export type MergeResult = z.infer<typeof MergeResultSchema>;

export const mergeMethods = {
  'merge.start': method(
    z.object({
      sources: z.array(MergeSourceSchema).min(1).max(200),
      allowOtherProject: z.boolean().default(false),
    }),
    JobStartedSchema,
    'Merge annotation files or project files, each atomically; the job result lists every file, merged or refused with reasons.',
  ),
} as const;
