import type { ItemInput, Message, Prompt, ResponseInput } from '../../domain/item';
import { mappedColumns, type ColumnMapping } from '../columns';
import { readId } from '../generic';
import { restOf, setOwn } from '../json-value';
import { readMessages } from '../messages';
import { RecordError, describe, isPlainObject } from '../record-error';
import { CHOSEN_OVER_REJECTED, itemMetadata } from './common';
import type { Shape } from './types';
import { guessColumnMapping } from '../columns';

/**
 * A table row (CSV, Parquet, or a flat JSON record) read through a column mapping. Cells are
 * text; a prompt cell holding a JSON list of `{role, content}` messages (or a list, in Parquet
 * and JSON) is read as a conversation. Unmapped columns are kept as metadata; responses in
 * columns named `chosen` and `rejected` keep that preference as the source's verdict.
 */
export const columnsShape: Shape = {
  id: 'columns',
  sniff(record) {
    if (!isPlainObject(record)) return 0;
    return guessColumnMapping(Object.keys(record)) ? 0.6 : 0;
  },
  toItems(record, ctx) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a row of named columns, got ${describe(record)}`);
    const mapping = ctx.mapping ?? guessColumnMapping(Object.keys(record));
    if (!mapping)
      throw new RecordError(
        '',
        'no column mapping: say which columns hold the prompt and the responses',
      );
    return [rowToItem(record, mapping)];
  },
};

export function rowToItem(row: Record<string, unknown>, mapping: ColumnMapping): ItemInput {
  const cell = (column: string): unknown => {
    if (!Object.prototype.hasOwnProperty.call(row, column))
      throw new RecordError(column, 'missing: the mapping names a column this row does not have');
    return row[column];
  };
  let prompt: Prompt = promptCell(cell(mapping.prompt), mapping.prompt);
  if (mapping.system) {
    const system = textCell(cell(mapping.system), mapping.system);
    if (system.length > 0) {
      const turns: Message[] =
        typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
      prompt = [{ role: 'system', content: system }, ...turns];
    }
  }
  const responses: ResponseInput[] = mapping.responses.map((r) => {
    const model = r.modelColumn ? cell(r.modelColumn) : null;
    if (model !== null && model !== undefined && typeof model !== 'string')
      throw new RecordError(r.modelColumn!, `expected a model name, got ${describe(model)}`);
    const metadata: Record<string, unknown> = {};
    setOwn(metadata, 'source_field', r.column);
    return { model: model || null, content: textCell(cell(r.column), r.column), metadata };
  });
  const names = mapping.responses.map((r) => r.column.toLowerCase());
  const preference = names.length === 2 && names[0] === 'chosen' && names[1] === 'rejected';
  return {
    sourceId: mapping.id ? readId(cell(mapping.id), mapping.id) : null,
    prompt,
    responses,
    metadata: itemMetadata(
      restOf(row, mappedColumns(mapping)),
      preference ? [CHOSEN_OVER_REJECTED] : [],
    ),
  };
}

function textCell(value: unknown, column: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RecordError(column, `expected text, got ${describe(value)}`);
}

function promptCell(value: unknown, column: string): Prompt {
  if (Array.isArray(value)) return nonEmpty(readMessages(value, column), column);
  const text = textCell(value, column);
  const trimmed = text.trim();
  if (trimmed.startsWith('[{') && trimmed.endsWith('}]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return text;
    }
    if (
      Array.isArray(parsed) &&
      parsed.every((m) => isPlainObject(m) && (m['role'] !== undefined || m['from'] !== undefined))
    )
      return nonEmpty(readMessages(parsed, column), column);
  }
  return text;
}

function nonEmpty(messages: Message[], column: string): Message[] {
  if (messages.length === 0) throw new RecordError(column, 'the conversation is empty');
  return messages;
}
