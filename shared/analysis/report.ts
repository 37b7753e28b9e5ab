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

/** Agreement of a judge's verdicts with a set of human labels (see judge-calibration.ts). */
const VersusSchema = z.object({
  /** Units (an item's pair) both have a label on. */
  items: z.number().int(),
  agreement: Stat,
  kappa: Stat,
});

/**
 * One judge against the people: `rankwise agreement --json`'s `judges` entries and the Review
 * screen's judge figures. The first six keys are the documented shape; the rest add to it.
 */
export const JudgeCalibrationSchema = z.object({
  name: z.string(),
  /** Its verdicts on live items (replies without one are `noVerdict`). */
  verdicts: z.number().int(),
  vsHumanMajority: VersusSchema.extend({
    /** Rows: the judge's label; columns: the human majority's; both [A better, B better, tie, both bad]. */
    confusion: z.array(z.array(z.number().int())),
  }),
  vsLabellers: z.array(VersusSchema.extend({ labellerId: z.string() })),
  positionBias: z.object({
    /** Decisive verdicts whose order is known. */
    n: z.number().int(),
    firstShownRate: Stat,
    interval: IntervalSchema.nullable(),
  }),
  orderConsistency: z.object({ pairs: z.number().int(), rate: Stat }).nullable(),
  kind: z.string(),
  model: z.string().nullable(),
  noVerdict: z.number().int(),
  /** Human verdicts made with this judge's suggestion on screen, and without, as agreement with it. */
  anchoring: z.object({
    anchored: z.object({ n: z.number().int(), agreement: Stat }),
    unanchored: z.object({ n: z.number().int(), agreement: Stat }),
  }),
  /** vsHumanMajority per value of the chosen metadata field (null: no field chosen). */
  slices: z.array(VersusSchema.extend({ value: z.string().nullable() })).nullable(),
});
export type JudgeCalibration = z.infer<typeof JudgeCalibrationSchema>;

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
  /** Each judge measured against the people (an empty list when the project has none). */
  judges: z.array(JudgeCalibrationSchema),
  /** The item metadata field the judges' `slices` are by, when one was chosen. */
  judgeSlicesBy: z.string().nullable(),
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

/** A judge's leaderboard beside the people's: its own model ratings and how their order compares. */
export const JudgeLeaderboardSchema = z.object({
  name: z.string(),
  comparisons: z.number().int(),
  models: z.array(ModelRowSchema),
  /** Kendall's tau-b between the judge's and the people's Bradley–Terry ratings, over `modelsCompared` models rated by both. */
  kendallTau: Stat,
  modelsCompared: z.number().int(),
});
export type JudgeLeaderboard = z.infer<typeof JudgeLeaderboardSchema>;

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
  /** Each judge's leaderboard from its own verdicts, with Kendall's tau against this one. */
  judges: z.array(JudgeLeaderboardSchema),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
