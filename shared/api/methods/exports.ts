import { z } from 'zod';
import {
  ContainerSchema,
  ExportFormatSchema,
  ExportOptionsSchema,
  JudgeFillMeasuredSchema,
  PolicySchema,
  TiesSchema,
} from '../../export/options';
import { JobStartedSchema, LabellerSchema, method } from '../schemas';

export {
  ContainerSchema,
  ExportFormatSchema,
  ExportOptionsSchema,
  PolicySchema,
  type Container,
  type ExportFormat,
  type ExportOptionsInput,
  type Policy,
} from '../../export/options';

const Count = z.number().int().nonnegative();

/** Every reason a verdict can be left out, each counted (see shared/export/tally.ts for units). */
export const ExclusionsSchema = z.object({
  ties: Count,
  bothBad: Count,
  noMajority: Count,
  notUnanimous: Count,
  tooFewVotes: Count,
  lowAgreement: Count,
  flagged: Count,
  gold: Count,
  discarded: Count,
  silent: Count,
  skipped: Count,
  neutral: Count,
  conflicting: Count,
  judgeFlipped: Count,
  judgeNotTrusted: Count,
});

export const AgreementFiguresSchema = z.object({
  units: Count,
  comparisons: Count,
  percent: z.number().nullable(),
  alphaNominal: z.number().nullable(),
  alphaOrdinal: z.number().nullable(),
});

/** The options as the export applied them, every default filled in. */
export const ResolvedOptionsSchema = ExportOptionsSchema.extend({
  ties: TiesSchema,
  container: ContainerSchema,
});

/** What an export produced, or (preview) would produce. */
export const ExportCountsSchema = z.object({
  format: ExportFormatSchema,
  container: ContainerSchema,
  rows: Count,
  splits: z.object({ train: Count, test: Count }),
  items: Count,
  judgments: Count,
  excluded: ExclusionsSchema,
  sources: z.record(z.string(), Count),
  labels: z.record(z.string(), Count),
  models: z.record(z.string(), z.object({ won: Count, lost: Count })),
  agreement: AgreementFiguresSchema,
  options: ResolvedOptionsSchema,
  warnings: z.array(z.string()),
  /** The judge policy, when used: what it measured, the rows it gave and the items it filled. */
  judgeFill: JudgeFillMeasuredSchema.extend({ rows: Count, filledItems: Count }).nullable(),
  /** With the judge policy: rows per `source` value (`human`, `judge:NAME`). */
  rowSources: z.record(z.string(), Count).optional(),
});

export const ExportResultSchema = ExportCountsSchema.extend({
  /** The file or dataset folder written (with a split into two files: the train file). */
  path: z.string(),
  files: z.array(
    z.object({ path: z.string(), split: z.enum(['train', 'test']), rows: Count, bytes: Count }),
  ),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ExportColumnSchema = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string(),
});

export const ExportPreviewSchema = ExportCountsSchema.extend({
  columns: z.array(ExportColumnSchema),
  /** The first rows, as they will be written (JSON values). */
  sample: z.array(z.record(z.string(), z.unknown())),
  /** The project's labellers, for the labeller filter. */
  labellers: z.array(LabellerSchema),
  /** What every aggregation policy would give with the other options unchanged. */
  policies: z.array(
    z.object({
      policy: PolicySchema,
      rows: Count,
      excluded: ExclusionsSchema,
    }),
  ),
});
export type ExportPreview = z.infer<typeof ExportPreviewSchema>;

export const ExportStartInputSchema = ExportOptionsSchema.extend({
  /** A file (.jsonl, .jsonl.gz, .parquet) or a folder (trailing /); default: the project's exports folder. */
  out: z.string().min(1).optional(),
});

export const exportMethods = {
  'exports.preview': method(
    ExportOptionsSchema.extend({ limit: z.number().int().min(0).max(50).default(5) }),
    ExportPreviewSchema,
    'What an export with these options would write: the first rows, the counts, and the row count under every policy. Writes nothing.',
  ),
  'exports.start': method(
    ExportStartInputSchema,
    JobStartedSchema,
    'Start an export job; watch job.progress and job.finished (or poll jobs.get). The result is an ExportResult.',
  ),
} as const;
