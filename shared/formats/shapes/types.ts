import type { ItemInput } from '../../domain/item';
import type { ColumnMapping } from '../columns';

/** The record shapes Rankwise reads; each has a converter in this folder. */
export const FORMAT_IDS = [
  'generic',
  'trl',
  'hh',
  'sharegpt',
  'oasst',
  'ultrafeedback',
  'arena',
  'labelstudio',
  'columns',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** What people call each shape, in the import wizard and the CLI's summary. */
export const FORMAT_LABELS: Record<FormatId, string> = {
  generic: 'Generic (prompt or messages, with 2+ responses)',
  trl: 'TRL preference (prompt / chosen / rejected)',
  hh: 'HH-RLHF transcripts (chosen / rejected)',
  sharegpt: 'ShareGPT (conversations with chosen / rejected)',
  oasst: 'OpenAssistant message trees',
  ultrafeedback: 'UltraFeedback (instruction with rated completions)',
  arena: 'Arena battles (model_a / model_b with a winner)',
  labelstudio: 'Label Studio pairwise tasks',
  columns: 'Columns (a mapping you choose)',
};

export interface ShapeContext {
  /**
   * Count something the converter left out on purpose (not an error): it is reported in the
   * import summary as "<count> × <reason>".
   */
  note(reason: string): void;
  /** The column mapping, for the `columns` shape. */
  mapping: ColumnMapping | null;
}

export interface Shape {
  id: FormatId;
  /** How well one record fits, 0 (not at all) to 1 (unmistakably). */
  sniff(record: unknown): number;
  /** One source record to zero or more items, or a RecordError naming the field. */
  toItems(record: unknown, ctx: ShapeContext): ItemInput[];
}
