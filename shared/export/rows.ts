import type { Message, Prompt } from '../domain/item';
import { promptToText } from '../formats/trl';
import { hasMargin, marginOf } from './margin';
import { formatSpec, type ExportFormat } from './formats';

/**
 * The row builders of the trainer formats (which format uses which, with its columns, is the
 * table in formats.ts). Key order is the column order (people read these files), and every row
 * of a format has the same keys.
 *
 * - trl: TRL preference, standard: prompt, chosen, rejected as strings (DPO, ORPO, CPO…).
 * - trl-chat: TRL preference, conversational: the prompt as its messages, chosen and
 *   rejected as one assistant message each.
 * - reward: the same preference rows for TRL's RewardTrainer, plus `margin` from the
 *   strength scale (see margin.ts) when the project has one.
 * - kto: TRL unpaired preference: prompt, completion, label (true = desirable).
 * - hh: Anthropic HH-RLHF transcripts: chosen and rejected as whole conversations,
 *   "\n\nHuman: …\n\nAssistant: …".
 *
 * The prompt is always explicit: TRL's implicit-prompt extraction splits at the longest
 * common prefix, which cuts into the responses whenever they start alike.
 */

export interface ResponseIn {
  idx: number;
  model: string | null;
  content: string;
}

export type Row = Record<string, unknown>;

export interface RowShape {
  format: ExportFormat;
  conversational: boolean;
  /** The reward format's margin column is there. */
  margin: boolean;
  strengthLevels: number;
  /** A `source` column (`human`, `judge:NAME`) ends every row: the judge policy is on. */
  source: boolean;
}

export function rowShape(
  format: ExportFormat,
  conversational: boolean,
  strengthLevels: number,
  criterion: string | null,
  source = false,
): RowShape {
  const spec = formatSpec(format);
  return {
    format,
    conversational: conversational || spec.conversational === 'always',
    margin: spec.margin && hasMargin(strengthLevels, criterion),
    strengthLevels,
    source,
  };
}

export function promptMessages(prompt: Prompt): Message[] {
  return typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
}

function assistant(content: string): Message[] {
  return [{ role: 'assistant', content }];
}

/** A preference row in TRL's columns (prompt, chosen, rejected, and margin when the shape has it). */
export function standardPairRow(
  s: RowShape,
  prompt: Prompt,
  chosen: string,
  rejected: string,
  strength: number | null,
): Row {
  const row: Row = s.conversational
    ? { prompt: promptMessages(prompt), chosen: assistant(chosen), rejected: assistant(rejected) }
    : { prompt: promptToText(prompt), chosen, rejected };
  if (s.margin) row['margin'] = marginOf(strength, s.strengthLevels);
  return row;
}

export function ktoRow(s: RowShape, prompt: Prompt, completion: string, desirable: boolean): Row {
  return s.conversational
    ? { prompt: promptMessages(prompt), completion: assistant(completion), label: desirable }
    : { prompt: promptToText(prompt), completion, label: desirable };
}

const HH_SPEAKER: Record<Message['role'], string> = {
  user: 'Human',
  assistant: 'Assistant',
  system: 'System',
  tool: 'Tool',
};

/**
 * A conversation in Anthropic's HH-RLHF transcript form. HH has only Human and Assistant
 * turns; system and tool turns keep their own speaker names rather than being dropped.
 */
export function hhTranscript(prompt: Prompt, response: string): string {
  let out = '';
  for (const m of promptMessages(prompt)) out += `\n\n${HH_SPEAKER[m.role]}: ${m.content}`;
  return `${out}\n\nAssistant: ${response}`;
}

/** Messages carrying fields beyond role and content (tool calls, names), which Parquet rows drop. */
export function hasToolFields(prompt: Prompt): boolean {
  return (
    typeof prompt !== 'string' &&
    prompt.some(
      (m) => m.name !== undefined || m.tool_call_id !== undefined || m.tool_calls !== undefined,
    )
  );
}
