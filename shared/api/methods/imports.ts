import { z } from 'zod';

export const ImportSkipSchema = z.object({ line: z.number().int(), reason: z.string() });
export const ImportSummarySchema = z.object({
  file: z.string(),
  format: z.string(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.array(ImportSkipSchema),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const importMethods = {} as const;
