import type { Prompt } from '../domain/item';
import { BOOL, FLOAT64, MESSAGES, STRING, col, type Column } from './columns';
import { hhTranscript, ktoRow, standardPairRow, type Row, type RowShape } from './rows';

/**
 * The export formats, in one table: for each, what the UI and the CLI call it, what its rows
 * are and how they are built, which options mean something for it, and what its dataset card
 * says. Adding a format is an entry here (and its row builder in rows.ts when it needs a new
 * one); `ExportFormat` is this table's keys, so a format the table lacks does not compile.
 */
export interface ExportFormatSpec {
  /** The name in the export dialog, and the line beside it saying what the rows are for. */
  label: string;
  hint: string;
  /** In the dataset card's title, tags and "Loading" section. */
  card: {
    title: string;
    tags: readonly string[];
    trainer: string;
    /** `dataset["train"]` goes straight into that trainer. */
    trainsAsIs: boolean;
  };
  /**
   * Conversational rows (the prompt as messages, the completions as assistant messages):
   * always, on request (`--chat`), or never (a transcript or the audit trail).
   */
  conversational: 'always' | 'optional' | 'never';
  /** A `margin` column from the strength scale (the reward format), when the project has one. */
  margin: boolean;
  /** Whether rows can say "equally good" or "both bad", and what `ties` defaults to. */
  ties: { canKeep: boolean; default: 'drop' | 'keep' };
  /**
   * What a row is. `pairs`: one preference (chosen over rejected); `unpaired`: one response
   * with a desirable/undesirable label (KTO); `revisions`: every judgment revision as made (the
   * audit trail: no policy, no criterion, its own columns in raw.ts).
   */
  rows:
    | {
        kind: 'pairs';
        columns(s: RowShape): Column[];
        build(
          s: RowShape,
          prompt: Prompt,
          chosen: string,
          rejected: string,
          strength: number | null,
        ): Row;
      }
    | {
        kind: 'unpaired';
        columns(s: RowShape): Column[];
        build(s: RowShape, prompt: Prompt, completion: string, desirable: boolean): Row;
      }
    | { kind: 'revisions' };
}

const prompt = (s: RowShape) =>
  col(
    'prompt',
    s.conversational ? MESSAGES : STRING,
    s.conversational ? 'the conversation so far, as messages' : 'the prompt as text',
  );
const completion = (s: RowShape, name: string, what: string) =>
  col(
    name,
    s.conversational ? MESSAGES : STRING,
    s.conversational ? `${what}, as one assistant message` : what,
  );

/** prompt, chosen, rejected (and the reward format's margin): TRL's preference columns. */
function preferenceColumns(s: RowShape): Column[] {
  return [
    prompt(s),
    completion(s, 'chosen', 'the preferred response'),
    completion(s, 'rejected', 'the response it was preferred to'),
    ...(s.margin
      ? [col('margin', FLOAT64, 'how much better chosen is: (strength − 1) / (levels − 1), 0..1')]
      : []),
  ];
}

const PREFERENCE = { kind: 'pairs', columns: preferenceColumns, build: standardPairRow } as const;

export const EXPORT_FORMATS = {
  trl: {
    label: 'TRL preference (standard)',
    hint: 'prompt, chosen, rejected as text: DPO, ORPO, CPO',
    card: {
      title: 'preference pairs (TRL, standard)',
      tags: ['trl', 'dpo', 'preference'],
      trainer: 'DPOTrainer (or ORPO/CPO)',
      trainsAsIs: true,
    },
    conversational: 'never',
    margin: false,
    ties: { canKeep: false, default: 'drop' },
    rows: PREFERENCE,
  },
  'trl-chat': {
    label: 'TRL preference (conversational)',
    hint: 'messages: the trainer applies the chat template',
    card: {
      title: 'preference pairs (TRL, conversational)',
      tags: ['trl', 'dpo', 'preference', 'conversational'],
      trainer: 'DPOTrainer (or ORPO/CPO)',
      trainsAsIs: true,
    },
    conversational: 'always',
    margin: false,
    ties: { canKeep: false, default: 'drop' },
    rows: PREFERENCE,
  },
  reward: {
    label: 'Reward-model pairs',
    hint: 'TRL RewardTrainer, with a margin from the strength scale',
    card: {
      title: 'reward-model pairs',
      tags: ['trl', 'reward-modeling', 'preference'],
      trainer: 'RewardTrainer',
      trainsAsIs: true,
    },
    conversational: 'optional',
    margin: true,
    ties: { canKeep: false, default: 'drop' },
    rows: PREFERENCE,
  },
  kto: {
    label: 'KTO unpaired',
    hint: 'prompt, completion, label (desirable or not)',
    card: {
      title: 'unpaired preferences (KTO)',
      tags: ['trl', 'kto', 'unpaired-preference'],
      trainer: 'KTOTrainer',
      trainsAsIs: true,
    },
    conversational: 'optional',
    margin: false,
    ties: { canKeep: true, default: 'drop' },
    rows: {
      kind: 'unpaired',
      columns: (s) => [
        prompt(s),
        completion(s, 'completion', 'a response'),
        col('label', BOOL, 'true: desirable, false: undesirable'),
      ],
      build: ktoRow,
    },
  },
  hh: {
    label: 'HH-RLHF transcripts',
    hint: 'chosen and rejected as whole conversations',
    card: {
      title: 'preference transcripts (HH-RLHF style)',
      tags: ['preference', 'hh-rlhf'],
      trainer: 'a trainer that reads HH-RLHF transcripts',
      trainsAsIs: false,
    },
    conversational: 'never',
    margin: false,
    ties: { canKeep: false, default: 'drop' },
    rows: {
      kind: 'pairs',
      columns: () => [
        col('chosen', STRING, 'the whole conversation ending in the preferred response'),
        col('rejected', STRING, 'the same conversation ending in the other response'),
      ],
      build: (_s, p, chosen, rejected) => ({
        chosen: hhTranscript(p, chosen),
        rejected: hhTranscript(p, rejected),
      }),
    },
  },
  raw: {
    label: 'Raw judgments',
    hint: 'every revision: the audit trail',
    card: {
      title: 'raw judgments',
      tags: ['annotations', 'human-feedback'],
      trainer: 'analysis (this is the audit trail, not training data)',
      trainsAsIs: false,
    },
    conversational: 'never',
    margin: false,
    ties: { canKeep: true, default: 'keep' },
    rows: { kind: 'revisions' },
  },
} as const satisfies Record<string, ExportFormatSpec>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]];

export function formatSpec(format: ExportFormat): ExportFormatSpec {
  return EXPORT_FORMATS[format];
}

/** Rows are preference pairs (TRL, reward, HH); not KTO's labels or the raw audit trail. */
export function isPairFormat(format: ExportFormat): boolean {
  return formatSpec(format).rows.kind === 'pairs';
}

/** Can this format say "these two are equally good" or "both are bad"? */
export function carriesTies(format: ExportFormat): boolean {
  return formatSpec(format).ties.canKeep;
}

/** Aggregation policies and a criterion mean something (not for the raw audit trail). */
export function aggregates(format: ExportFormat): boolean {
  return formatSpec(format).rows.kind !== 'revisions';
}
