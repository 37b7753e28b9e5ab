import { z } from 'zod';
import {
  aggregates,
  carriesTies,
  EXPORT_FORMAT_IDS,
  formatSpec,
  isPairFormat,
  type ExportFormat,
} from './formats';

/**
 * What an export writes and under which policy. Every choice is explicit and recorded in the
 * output (dataset card, Parquet metadata, the job's result), so a dataset can always be
 * traced back to how it was made.
 */

/** The formats are the table in formats.ts; this is its list of names for input checking. */
export const ExportFormatSchema = z.enum(EXPORT_FORMAT_IDS);
export type { ExportFormat };
export { carriesTies, isPairFormat };

/** How judgments from several labellers on one item become rows. */
export const PolicySchema = z.enum(['each', 'majority', 'unanimous', 'adjudicated', 'mean']);
export type Policy = z.infer<typeof PolicySchema>;

/** Ties and both-bad verdicts: left out, or kept where the format can say them (KTO, raw). */
export const TiesSchema = z.enum(['drop', 'keep']);
export type Ties = z.infer<typeof TiesSchema>;

/** Which pairs a ranking (or ratings, read as a ranking) turns into. */
export const RankPairsSchema = z.enum(['all', 'best-vs-each', 'best-vs-worst', 'adjacent']);
export type RankPairs = z.infer<typeof RankPairsSchema>;

/** jsonl, gzip'd jsonl, one Parquet file, or a Hugging Face dataset folder (Parquet shards + card). */
export const ContainerSchema = z.enum(['jsonl', 'jsonl.gz', 'parquet', 'folder']);
export type Container = z.infer<typeof ContainerSchema>;

export const FiltersSchema = z.object({
  /** Only these labellers' judgments (ids); empty means everyone. */
  labellers: z.array(z.string().min(1).max(200)).max(1000).default([]),
  /** Judgments made at or after this time (ms since the epoch). */
  from: z.number().int().nullable().default(null),
  /** Judgments made before this time (ms since the epoch). */
  to: z.number().int().nullable().default(null),
  /** Leave out items on which a current judgment raised one of these flags; "*" means any flag. */
  excludeFlags: z.array(z.string().min(1).max(60)).max(50).default([]),
  /** Leave out items whose labellers agree less than this (0..1); items with one vote have no agreement and are left out too. */
  minAgreement: z.number().min(0).max(1).nullable().default(null),
  /** Leave out gold items (metadata `gold` set). */
  excludeGold: z.boolean().default(false),
});
export type Filters = z.output<typeof FiltersSchema>;

export const SplitSchema = z.object({
  /** Share of prompts (not rows) that go to the test split. */
  test: z.number().gt(0).lt(1),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
});
export type Split = z.output<typeof SplitSchema>;

/**
 * The judge policy: items no labeller has given a verdict (in scope) get the named judge's
 * verdict instead, allowed only when that judge's measured agreement with the human majority
 * (judge calibration, on the items both judged) is at least `minAgreement`, measured on at
 * least `minItems` items; with `sliceBy`, measured per value of that item metadata field and
 * allowed only on the slices that pass. Rows then carry a `source` column (`human` or
 * `judge:NAME`) and the dataset card counts them.
 */
export const JudgeFillSchema = z.object({
  judge: z.string().min(1).max(200),
  minAgreement: z.number().min(0).max(1),
  minItems: z.number().int().min(1).default(20),
  sliceBy: z.string().min(1).max(200).nullable().default(null),
});
export type JudgeFill = z.output<typeof JudgeFillSchema>;

/** What the judge policy measured before filling (in the export's result and its card). */
export const JudgeFillMeasuredSchema = z.object({
  judge: z.string(),
  /** The judge's agreement with the human majority (and Cohen's kappa), on `items` items. */
  agreement: z.number().nullable(),
  kappa: z.number().nullable(),
  items: z.number().int(),
  minAgreement: z.number(),
  minItems: z.number().int(),
  sliceBy: z.string().nullable(),
  /** With sliceBy: each slice's figures and whether the judge may fill there. */
  slices: z
    .array(
      z.object({
        value: z.string().nullable(),
        items: z.number().int(),
        agreement: z.number().nullable(),
        allowed: z.boolean(),
      }),
    )
    .nullable(),
});
export type JudgeFillMeasured = z.infer<typeof JudgeFillMeasuredSchema>;

export const ExportOptionsSchema = z.object({
  format: ExportFormatSchema,
  /**
   * Prompt as a message list and completions as assistant messages (TRL's conversational
   * format). Implied by formats that are always conversational (`trl-chat`), a choice for
   * those that offer it (formats.ts).
   */
  conversational: z.boolean().default(false),
  policy: PolicySchema.default('each'),
  /** Votes an item (or pair) needs before any policy uses it. */
  minVotes: z.number().int().min(1).max(1000).default(1),
  /** Default: drop, except raw, which keeps everything. */
  ties: TiesSchema.optional(),
  rankPairs: RankPairsSchema.default('all'),
  /** Export one criterion's verdicts (or one rating aspect) instead of the overall choice. */
  criterion: z.string().min(1).max(60).nullable().default(null),
  filters: FiltersSchema.prefault({}),
  split: SplitSchema.nullable().default(null),
  /** Default: from the destination's name (`.parquet`, `.jsonl.gz`, a trailing `/`), else jsonl. */
  container: ContainerSchema.optional(),
  /** Fill items without a human verdict from a judge (see JudgeFillSchema); null: people only. */
  judgeFill: JudgeFillSchema.nullable().default(null),
});
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;
export type ExportOptions = z.output<typeof ExportOptionsSchema>;

/** Options with every default resolved: what the pipeline and the card work from. */
export type ResolvedOptions = Omit<ExportOptions, 'ties' | 'container'> & {
  ties: Ties;
  container: Container;
};

export class OptionsError extends Error {}

/**
 * Fill in per-format defaults and refuse combinations that cannot mean anything, with a
 * message that says what to do instead. `criteria` are the names the project knows
 * (pairwise criteria and rating aspects).
 */
export function resolveOptions(
  o: ExportOptions,
  criteria: readonly string[],
  container: Container,
): ResolvedOptions {
  const spec = formatSpec(o.format);
  const ties = o.ties ?? spec.ties.default;
  if (ties === 'keep' && !spec.ties.canKeep)
    throw new OptionsError(
      `${o.format} rows need a winner, so ties and both-bad verdicts cannot be kept; use ties "drop", or ${tieFormats()}`,
    );
  if (!aggregates(o.format)) {
    if (o.policy !== 'each')
      throw new OptionsError(
        `${o.format} exports every judgment revision as it was made; aggregation policies do not apply (use policy "each")`,
      );
    if (o.criterion !== null)
      throw new OptionsError(
        `${o.format} exports carry every criterion already; leave criterion unset`,
      );
    if (o.judgeFill !== null)
      throw new OptionsError(
        `${o.format} exports the judgment revisions people made; a judge's verdicts are not among them (use another format to fill items from a judge)`,
      );
  }
  if (o.judgeFill !== null && o.criterion !== null)
    throw new OptionsError(
      'a judge gives an overall verdict, not one per criterion: leave criterion unset to fill items from a judge',
    );
  if (o.container !== undefined && o.container !== container)
    throw new OptionsError(
      `the destination is a ${container} but the container asked for is ${o.container}`,
    );
  if (o.conversational && spec.conversational === 'never')
    throw new OptionsError(`${o.format} has no conversational variant`);
  if (o.criterion !== null && !criteria.includes(o.criterion))
    throw new OptionsError(
      criteria.length
        ? `unknown criterion ${JSON.stringify(o.criterion)}; this project has ${criteria.map((c) => JSON.stringify(c)).join(', ')}`
        : `unknown criterion ${JSON.stringify(o.criterion)}; this project defines no criteria or rating aspects`,
    );
  const { from, to } = o.filters;
  if (from !== null && to !== null && from >= to)
    throw new OptionsError('the date range is empty: "from" must be before "to"');
  return {
    ...o,
    ties,
    container,
    conversational: o.conversational || spec.conversational === 'always',
  };
}

/** "the kto or raw format": the formats that can keep ties, named for a message. */
function tieFormats(): string {
  const names = EXPORT_FORMAT_IDS.filter((f) => formatSpec(f).ties.canKeep);
  return `the ${names.slice(0, -1).join(', ')}${names.length > 1 ? ' or ' : ''}${names.at(-1)} format`;
}

/** The names an export can take as its criterion: pairwise criteria and rating aspects. */
export function criteriaOf(task: {
  criteria: readonly string[];
  rating: { aspects: ReadonlyArray<{ name: string }> };
}): string[] {
  return [...new Set([...task.criteria, ...task.rating.aspects.map((a) => a.name)])];
}

/**
 * A calendar day (YYYY-MM-DD) as a time range bound, in UTC: a "from" day starts at its
 * midnight, a "to" day includes the whole day. Null for anything else.
 */
export function dayBound(day: string, end: boolean): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  return end ? t + 86_400_000 : t;
}
