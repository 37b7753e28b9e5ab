import { z } from 'zod';

/**
 * A mapping from a table's columns (CSV, Parquet, or flat JSON records) to an item: which
 * column is the id, the prompt, the system prompt, and which two or more columns hold the
 * responses (each optionally with a column naming its model). Columns not mapped are kept as
 * metadata. This is what the import wizard lets a person correct.
 */
export const ColumnMappingSchema = z.object({
  id: z.string().min(1).nullable().default(null),
  prompt: z.string().min(1),
  system: z.string().min(1).nullable().default(null),
  responses: z
    .array(
      z.object({
        column: z.string().min(1),
        modelColumn: z.string().min(1).nullable().default(null),
      }),
    )
    .min(2)
    .max(64),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

const ID_NAMES = ['id', 'uid', 'qid', 'item_id', 'question_id', 'example_id', 'prompt_id'];
const PROMPT_NAMES = ['prompt', 'question', 'instruction', 'query', 'input', 'user', 'context'];
const SYSTEM_NAMES = ['system', 'system_prompt', 'system_message'];
const PAIRS: Array<[string, string]> = [
  ['chosen', 'rejected'],
  ['response_a', 'response_b'],
  ['answer_a', 'answer_b'],
  ['completion_a', 'completion_b'],
  ['output_a', 'output_b'],
];
const RESPONSE_COLUMN =
  /^(responses?|answers?|completions?|outputs?|generations?)[ _-]?([a-z0-9]+)$/i;

/**
 * The mapping a person would most likely choose, from the column names alone, or null when
 * there is no plausible prompt column or fewer than two response columns.
 */
export function guessColumnMapping(columns: readonly string[]): ColumnMapping | null {
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const pick = (names: string[]) =>
    names.map((n) => byLower.get(n)).find((c) => c !== undefined) ?? null;
  const prompt = pick(PROMPT_NAMES);
  if (prompt === null) return null;
  const id = pick(ID_NAMES);
  const system = pick(SYSTEM_NAMES);

  let responseColumns: string[] = [];
  for (const [a, b] of PAIRS) {
    const ca = byLower.get(a);
    const cb = byLower.get(b);
    if (ca && cb) {
      responseColumns = [ca, cb];
      break;
    }
  }
  if (responseColumns.length === 0)
    responseColumns = columns.filter((c) => RESPONSE_COLUMN.test(c) && c !== prompt && c !== id);
  if (responseColumns.length < 2) return null;

  return {
    id,
    prompt,
    system,
    responses: responseColumns.map((column) => ({
      column,
      modelColumn: modelColumnFor(column, byLower),
    })),
  };
}

/** `response_a` → `model_a`; `answer2` → `model2`; `chosen` → `chosen_model`, if present. */
function modelColumnFor(column: string, byLower: Map<string, string>): string | null {
  const m = RESPONSE_COLUMN.exec(column);
  const candidates = m
    ? [`model_${m[2]}`, `model${m[2]}`, `${m[1]}_${m[2]}_model`]
    : [`${column}_model`, `model_${column}`];
  return candidates.map((c) => byLower.get(c.toLowerCase())).find((c) => c !== undefined) ?? null;
}

/** Columns that a mapping uses, so the rest can be kept as metadata. */
export function mappedColumns(mapping: ColumnMapping): Set<string> {
  const used = new Set<string>([mapping.prompt]);
  if (mapping.id) used.add(mapping.id);
  if (mapping.system) used.add(mapping.system);
  for (const r of mapping.responses) {
    used.add(r.column);
    if (r.modelColumn) used.add(r.modelColumn);
  }
  return used;
}
