import { guessColumnMapping, type ColumnMapping } from './columns';
import { isPlainObject } from './record-error';
import { SHAPES, type FormatId } from './shapes';

/** What the first records of a file look like, and why we think so. */
export interface Detection {
  /** The shape to read the file as, or null when none fits (see `reason`). */
  format: FormatId | null;
  /** certain: every sampled record fits unmistakably; likely: most do; none: no shape fits. */
  confidence: 'certain' | 'likely' | 'none';
  /** One sentence for people: why this shape, or why none. */
  reason: string;
  /** Every shape that fits at all, best first, with its score (0..1). */
  candidates: Array<{ format: FormatId; score: number }>;
  /** A guessed column mapping (for the `columns` shape), from the fields seen. */
  mapping: ColumnMapping | null;
  /** Top-level field names seen in the sample, in first-seen order. */
  fields: string[];
}

export type ContainerKind = 'jsonl' | 'json' | 'csv' | 'parquet';

/**
 * Score every shape on a sample of parsed records and pick the best. Tabular containers (CSV)
 * default to a column mapping unless a specific shape fits every row unmistakably (an arena
 * export, say), because a table's columns are what a person maps by.
 */
export function detectFormat(records: readonly unknown[], container: ContainerKind): Detection {
  const fields = fieldsOf(records);
  const mapping = guessColumnMapping(fields);
  if (records.length === 0)
    return {
      format: container === 'csv' ? 'columns' : null,
      confidence: 'none',
      reason: 'the file holds no records',
      candidates: [],
      mapping,
      fields,
    };

  const candidates = SHAPES.map((shape) => ({
    format: shape.id,
    score: records.reduce<number>((sum, r) => sum + shape.sniff(r), 0) / records.length,
  }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  // Stable sort keeps SHAPES order (most specific first) among equal scores.

  const best = candidates[0];
  const unsupported = unsupportedShape(records);
  if (container === 'csv' && !(best && best.score === 1 && best.format !== 'generic')) {
    return {
      format: 'columns',
      confidence: mapping ? 'likely' : 'none',
      reason: mapping
        ? `a table: prompt from "${mapping.prompt}", responses from ${mapping.responses.map((r) => `"${r.column}"`).join(', ')}`
        : 'a table whose columns do not name a prompt and two responses: choose them',
      candidates,
      mapping,
      fields,
    };
  }
  if (!best || best.score < 0.5) {
    return {
      format: null,
      confidence: 'none',
      reason:
        unsupported ??
        `no known shape fits (fields seen: ${fields.slice(0, 12).join(', ') || 'none'}); choose a format, or map the fields as columns`,
      candidates,
      mapping,
      fields,
    };
  }
  return {
    format: best.format,
    confidence: best.score === 1 ? 'certain' : 'likely',
    reason: `${Math.round(best.score * 100)}% fit over ${records.length} sampled record${records.length === 1 ? '' : 's'}`,
    candidates,
    mapping,
    fields,
  };
}

function fieldsOf(records: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of records) if (isPlainObject(r)) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/**
 * Shapes we recognise but cannot make items from, with the reason: better a clear sentence than
 * "responses: missing" on line 1.
 */
function unsupportedShape(records: readonly unknown[]): string | null {
  const first = records.find(isPlainObject);
  if (!first) return 'the records are not JSON objects';
  if (
    typeof first['label'] === 'boolean' &&
    (Array.isArray(first['messages']) || first['completion'] !== undefined)
  )
    return 'unpaired (KTO) data: each record has one completion with a thumbs-up/down label, and Rankwise compares two or more responses to one prompt';
  if (
    first['instruction'] !== undefined &&
    first['output'] !== undefined &&
    first['completions'] === undefined
  )
    return 'instruction-tuning (SFT) data: one output per instruction, nothing to compare';
  if (
    first['parent_id'] !== undefined &&
    first['message_id'] !== undefined &&
    first['replies'] === undefined
  )
    return 'flat OpenAssistant messages (one per row): export message trees instead (one tree per line)';
  return null;
}
