import { z } from 'zod';
import { JobStartedSchema, method } from '../schemas';

export const ExportFormatSchema = z.enum(['trl']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportResultSchema = z.object({
  path: z.string(),
  format: ExportFormatSchema,
  rows: z.number().int(),
  excluded: z.object({ ties: z.number().int(), bothBad: z.number().int() }),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const exportMethods = {
  'exports.start': method(
    z.object({ format: ExportFormatSchema, out: z.string().min(1).optional() }),
    JobStartedSchema,
    'Start an export job; watch job.progress and job.finished (or poll jobs.get).',
  ),
} as const;
