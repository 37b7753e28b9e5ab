import { z } from 'zod';
import { Id, JobStartedSchema, LabellerSchema, method } from '../schemas';

export const MergeSourceSchema = z.union([
  /** A file on the backend's disk (Electron's file dialog, the CLI); refused by the browser host. */
  z.object({ path: z.string().min(1) }),
  /** A file the browser uploaded to the host (`POST /upload`). */
  z.object({ uploadId: Id }),
]);

export const FileOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('merged'),
    file: z.string(),
    kind: z.enum(['annotations', 'project']),
    labellers: z.array(LabellerSchema),
    added: z.number().int(),
    alreadyPresent: z.number().int(),
    repeatAnswersAdded: z.number().int(),
    notes: z.array(z.string()),
  }),
  z.object({
    status: z.literal('refused'),
    file: z.string(),
    code: z.string(),
    message: z.string(),
    problems: z.unknown(),
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
