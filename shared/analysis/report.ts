import { z } from 'zod';

/** The review screen's figures, as `agreement.*` returns them and `rankwise agreement --json` prints them. */
const Stat = z.number().nullable();
const IntervalSchema = z.object({ lower: Stat, upper: Stat, level: z.number() });

export const FigureSchema = z.object({
  /** Stable key for scripts: "fleiss-kappa", "alpha-ordinal", … */
  key: z.string(),
  label: z.string(),
  value: Stat,
  /** Units (items, or item × response) the figure rests on. */
  units: z.number().int(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const TaskAgreementSchema = z.object({
  task: z.enum(['pairwise', 'ranking', 'rating']),
  judgments: z.number().int(),
  /** Items judged by at least two labellers. */
  sharedItems: z.number().int(),
  figures: z.array(FigureSchema),
});

export const CriterionAgreementSchema = z.object({
  criterion: z.string(),
  figures: z.array(FigureSchema),
});

export const PairMatrixSchema = z.object({
  /** Indices into the report's labellers. */
  cohenKappa: z.array(z.array(Stat)),
  weightedLinear: z.array(z.array(Stat)),
  weightedQuadratic: z.array(z.array(Stat)),
  percent: z.array(z.array(Stat)),
  shared: z.array(z.array(z.number().int())),
});

export const TimePointSchema = z.object({
  start: z.number(),
  units: z.number().int(),
  alpha: Stat,
  percent: Stat,
});

export const LabellerStatsSchema = z.object({
  id: z.string(),
  name: z.string(),
  judgments: z.number().int(),
  pairwise: z.number().int(),
  consensus: z.object({ agree: z.number().int(), n: z.number().int(), rate: Stat, kappa: Stat }),
  positionBias: z.object({
    leftWins: z.number().int(),
    n: z.number().int(),
    rate: Stat,
    interval: IntervalSchema.nullable(),
  }),
  tieRate: Stat,
  bothBadRate: Stat,
  time: z.object({
    median: Stat,
    p10: Stat,
    p90: Stat,
    /** Counts per bin of `timeBins` (seconds). */
    histogram: z.array(z.number().int()),
  }),
  gold: z.object({ correct: z.number().int(), n: z.number().int(), rate: Stat }),
  repeats: z.object({
    consistent: z.number().int(),
    n: z.number().int(),
    rate: Stat,
    /** Inconsistent answers that picked the same screen position both times. */
    samePosition: z.number().int(),
  }),
  transitivity: z.object({
    triples: z.number().int(),
    circular: z.number().int(),
    examples: z.array(z.array(z.string())),
  }),
});
export type LabellerStats = z.infer<typeof LabellerStatsSchema>;

export const AgreementReportSchema = z.object({
  computedAt: z.number(),
  computeMs: z.number(),
  counts: z.object({
    items: z.number().int(),
    judgedItems: z.number().int(),
    sharedItems: z.number().int(),
    judgments: z.number().int(),
    labellers: z.number().int(),
    adjudicated: z.number().int(),
    disagreements: z.number().int(),
  }),
  labellers: z.array(z.object({ id: z.string(), name: z.string() })),
  tasks: z.array(TaskAgreementSchema),
  criteria: z.array(CriterionAgreementSchema),
  pairs: PairMatrixSchema,
  overTime: z.object({
    bucket: z.enum(['day', 'week', 'month']),
    points: z.array(TimePointSchema),
  }),
  perLabeller: z.array(LabellerStatsSchema),
  /** Upper edges (seconds) of the time-per-item histogram bins; the last bin is open. */
  timeBins: z.array(z.number()),
});
export type AgreementReport = z.infer<typeof AgreementReportSchema>;

/** One entry of the disagreement queue. */
export const QueueEntrySchema = z.object({
  itemId: z.string(),
  seq: z.number().int(),
  /** Share of labeller pairs that disagree (0..1); for rankings (1 − mean τ-b) / 2. */
  score: z.number(),
  /** Mean distance on the strength scale, for ordering items with the same score. */
  spread: z.number(),
  judgments: z.number().int(),
  /** Verdicts by label, e.g. {"Response 1": 2, "tie": 1}. */
  labels: z.record(z.string(), z.number().int()),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

const ModelRowSchema = z.object({
  model: z.string(),
  logStrength: Stat,
  rating: Stat,
  estimable: z.boolean(),
  reason: z.enum(['no-comparisons', 'never-lost', 'never-won', 'separated']).nullable(),
  wins: z.number(),
  losses: z.number(),
  ties: z.number(),
  comparisons: z.number(),
  interval: IntervalSchema.nullable(),
  ratingInterval: IntervalSchema.nullable(),
  elo: Stat,
  winRate: Stat,
});

export const LeaderboardSchema = z.object({
  computedAt: z.number(),
  computeMs: z.number(),
  comparisons: z.number().int(),
  /** Judgments left out, and why. */
  skipped: z.object({ noModel: z.number().int(), sameModel: z.number().int() }),
  bothBadAsTie: z.boolean(),
  bootstrapRounds: z.number().int(),
  converged: z.boolean(),
  models: z.array(ModelRowSchema),
  winRates: z.object({
    models: z.array(z.string()),
    rate: z.array(z.array(Stat)),
    count: z.array(z.array(z.number())),
  }),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
