import type { Metadata, Prompt, ResponseInput } from '../../domain/item';
import { mergeOwn, setOwn } from '../json-value';
import { commonPrefixLength, messagesToResponse, readMessages } from '../messages';
import { RecordError, describe } from '../record-error';
import { SOURCE_VERDICTS_KEY, type SourceVerdict } from '../source-verdict';

/** Item metadata: the record's uninterpreted fields plus the source's verdicts, if any. */
export function itemMetadata(
  rest: Record<string, unknown> | null,
  verdicts: SourceVerdict[] = [],
  extra: Record<string, unknown> | null = null,
): Metadata | null {
  const out = mergeOwn(rest, extra);
  if (verdicts.length === 0) return out;
  const withVerdicts = out ?? {};
  setOwn(withVerdicts, SOURCE_VERDICTS_KEY, verdicts);
  return withVerdicts;
}

/** Response metadata with one more key (keeps whatever was there). */
export function withResponseMeta(r: ResponseInput, key: string, value: unknown): ResponseInput {
  const metadata = r.metadata ?? {};
  setOwn(metadata, key, value);
  return { ...r, metadata };
}

/** Two responses preferred in source order: the first was chosen. */
export const CHOSEN_OVER_REJECTED: SourceVerdict = { from: 'chosen/rejected', ranking: [[0], [1]] };

/**
 * Two conversations that share a prompt (their common leading messages) and differ after it:
 * TRL's implicit-prompt conversational rows, arena battles, ShareGPT with full conversations.
 */
export function splitConversations(
  a: unknown,
  b: unknown,
  fields: [string, string],
  explicitPrompt: Prompt | null,
): { prompt: Prompt; responses: [ResponseInput, ResponseInput] } {
  const ma = readMessages(a, fields[0]);
  const mb = readMessages(b, fields[1]);
  const shared = commonPrefixLength(ma, mb);
  let prompt: Prompt;
  if (shared > 0) prompt = ma.slice(0, shared);
  else if (explicitPrompt !== null) prompt = explicitPrompt;
  else
    throw new RecordError(
      fields[1],
      `shares no leading messages with ${fields[0]}, so there is no common prompt to compare them on`,
    );
  if (shared === ma.length || shared === mb.length) {
    const which = shared === ma.length ? fields[0] : fields[1];
    throw new RecordError(which, 'has no reply after the shared prompt');
  }
  return {
    prompt,
    responses: [
      messagesToResponse(ma.slice(shared), fields[0]),
      messagesToResponse(mb.slice(shared), fields[1]),
    ],
  };
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new RecordError(field, `expected a string, got ${describe(value)}`);
  return value;
}

export function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  return requireString(value, field);
}

export function has(record: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.every((k) => record[k] !== undefined);
}
