import { z } from 'zod';
import { AgreementJobResultSchema } from './agreement';
import { LeaderboardJobResultSchema } from './leaderboard';
import { ExportResultSchema } from './exports';
import { ImportSummarySchema } from './imports';
import { JudgeImportSummarySchema, JudgeRunSummarySchema } from './judges';
import { MergeResultSchema } from './merge';
import { AnnotationsResultSchema, PackageResultSchema } from './team';

/**
 * Every kind of job, with what it finishes with: the one table of job kinds. The job runner
 * (db/jobs.ts) takes a kind from here and work that returns its result, checks the result
 * against this schema when the job ends, and `jobs.get` and `job.finished` carry it typed by
 * kind. A new kind of job adds its row here, its handler, and the screen that shows its result.
 */
export const jobResults = {
  import: ImportSummarySchema,
  export: ExportResultSchema,
  merge: MergeResultSchema,
  agreement: AgreementJobResultSchema,
  leaderboard: LeaderboardJobResultSchema,
  package: PackageResultSchema,
  annotations: AnnotationsResultSchema,
  judge: JudgeRunSummarySchema,
  'judges-import': JudgeImportSummarySchema,
} as const satisfies Record<string, z.ZodType>;

export type JobKind = keyof typeof jobResults;
export type JobResult<K extends JobKind> = z.output<(typeof jobResults)[K]>;

export const JOB_KINDS = Object.keys(jobResults) as [JobKind, ...JobKind[]];
export const JobKindSchema = z.enum(JOB_KINDS);
