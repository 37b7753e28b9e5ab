import { z } from 'zod';

export const ImportSkipSchema = z.object({ line: z.number().int(), reason: z.string() });
export const ImportSummarySchema = z.object({
  file: z.string(),
  /** The record shape the file was read as (generic, trl, hh, …). */
  format: z.string(),
  container: z.enum(['jsonl', 'json', 'csv', 'parquet']),
  compressed: z.enum(['gzip']).nullable(),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
  /** Items added to the project. */
  imported: z.number().int(),
  responses: z.number().int(),
  /** Records identical to items already in the project (or earlier in the file): not added again. */
  duplicates: z.number().int(),
  /** Skipped lines (with "skip bad lines"), the first 10 000 listed. */
  skipped: z.array(ImportSkipSchema),
  skippedCount: z.number().int(),
  /** Things left out on purpose, counted (e.g. OpenAssistant prompter sibling groups). */
  notes: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** Records read from the file. */
  records: z.number().int(),
  /** The project's record of this import, or null when it added nothing (and wrote nothing). */
  importId: z.string().nullable(),
  durationMs: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const importMethods = {} as const;
