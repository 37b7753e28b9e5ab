import { z } from 'zod';
import { PromptSchema } from '../../domain/item';
import { ColumnMappingSchema } from '../../formats/columns';
import { DuplicateLineSchema } from '../../formats/duplicates';
import { FORMAT_IDS } from '../../formats/shapes/types';
import { Id, JobStartedSchema, method } from '../schemas';

export const ImportContainerSchema = z.enum(['jsonl', 'json', 'csv', 'parquet']);
export const FormatIdSchema = z.enum(FORMAT_IDS);
export const FormatChoiceSchema = z.enum(['auto', ...FORMAT_IDS]);
export const EncodingSchema = z.enum(['utf-8', 'utf-16le', 'utf-16be']);

/**
 * Where the data comes from: a path on the backend's machine (the CLI, scripts, tests: the
 * in-process host only), or a file the backend already holds: uploaded to the browser host, or
 * chosen in Electron's native file dialog. No path typed into a page ever reaches the disk.
 */
export const ImportSourceSchema = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ uploadId: Id }),
]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;

export const ImportRequestSchema = z.object({
  source: ImportSourceSchema,
  format: FormatChoiceSchema.default('auto'),
  container: ImportContainerSchema.optional(),
  mapping: ColumnMappingSchema.nullable().default(null),
  skipBadLines: z.boolean().default(false),
});
export type ImportRequestInput = z.input<typeof ImportRequestSchema>;

export const UploadSchema = z.object({ uploadId: Id, name: z.string(), size: z.number().int() });
export type Upload = z.infer<typeof UploadSchema>;

export const ImportSkipSchema = z.object({ line: z.number().int(), reason: z.string() });

export const ImportSummarySchema = z.object({
  file: z.string(),
  /** The record shape the file was read as (generic, trl, hh, …). */
  format: z.string(),
  container: ImportContainerSchema,
  compressed: z.enum(['gzip']).nullable(),
  encoding: EncodingSchema,
  /** Items added to the project. */
  imported: z.number().int(),
  responses: z.number().int(),
  /** Records identical to items already in the project (or earlier in the file): not added again. */
  duplicates: z.number().int(),
  /** Each duplicate with what it repeats, the first 10 000 (`duplicates` counts them all). */
  duplicateLines: z.array(DuplicateLineSchema),
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

/** An item as the preview shows it: what labellers will see, with long text cut short. */
export const PreviewItemSchema = z.object({
  line: z.number().int(),
  id: z.string(),
  prompt: PromptSchema,
  responses: z.array(
    z.object({
      model: z.string().nullable(),
      content: z.string(),
      /** The response's metadata as indented JSON, cut short. */
      metadata: z.string().nullable(),
    }),
  ),
  /** Responses beyond those shown. */
  moreResponses: z.number().int(),
  metadata: z.string().nullable(),
  /** Some text was cut short for the preview (the import keeps it whole). */
  truncated: z.boolean(),
});
export type PreviewItem = z.infer<typeof PreviewItemSchema>;

export const ImportPreviewSchema = z.object({
  file: z.string(),
  totalBytes: z.number().int(),
  container: ImportContainerSchema,
  compressed: z.enum(['gzip']).nullable(),
  encoding: EncodingSchema,
  detection: z.object({
    format: FormatIdSchema.nullable(),
    confidence: z.enum(['certain', 'likely', 'none']),
    reason: z.string(),
    candidates: z.array(z.object({ format: FormatIdSchema, score: z.number() })),
    mapping: ColumnMappingSchema.nullable(),
    fields: z.array(z.string()),
  }),
  /** The shape the preview (and an import with the same request) reads the file as. */
  format: FormatIdSchema.nullable(),
  mapping: ColumnMappingSchema.nullable(),
  /** Why the file cannot be imported as requested, when it cannot (no shape, no mapping). */
  blocker: z.string().nullable(),
  items: z.array(PreviewItemSchema),
  /** Records in the sample that would fail, with the reason, as the import would report them. */
  problems: z.array(ImportSkipSchema),
  notes: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** Records read for the preview, and an estimate of the file's total (null when all were read). */
  sampled: z.number().int(),
  estimatedRecords: z.number().int().nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportRecordSchema = z.object({
  id: z.string(),
  file: z.string(),
  format: z.string(),
  itemsAdded: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  createdAt: z.number().int(),
});

export const importMethods = {
  'imports.preview': method(
    ImportRequestSchema.extend({ limit: z.number().int().min(1).max(50).default(5) }),
    ImportPreviewSchema,
    'Read the first records of a file: the detected shape, the first items as labellers will see them, and any problems.',
  ),
  'imports.start': method(
    ImportRequestSchema,
    JobStartedSchema,
    'Start an import job; watch import.progress and job.finished (its result is an ImportSummary).',
  ),
  'imports.pickFile': method(
    z.object({}),
    UploadSchema.nullable(),
    'Choose a file in the host’s native dialog (Electron); null when the person cancels.',
  ),
  'imports.discard': method(
    z.object({ uploadId: Id }),
    z.object({ discarded: z.boolean() }),
    'Forget an uploaded or chosen file (an upload’s temp copy is deleted).',
  ),
  'imports.list': method(
    z.object({}),
    z.array(ImportRecordSchema),
    'The imports this project has had, newest first.',
  ),
} as const;

export const importEvents = {
  'import.progress': z.object({
    jobId: Id,
    phase: z.enum(['reading', 'saving']),
    bytes: z.number(),
    totalBytes: z.number(),
    items: z.number().int(),
    skipped: z.number().int(),
  }),
} as const;
