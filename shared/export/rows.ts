import type { Message, Prompt } from '../domain/item';
import { promptToText } from '../formats/trl';
import { BOOL, FLOAT64, MESSAGES, STRING, col, type Column } from './columns';
import { hasMargin, marginOf } from './margin';
import type { ExportFormat } from './options';

/**
 * The row builders of the trainer formats. Key order is the column order (people read these
 * files), and every row of a format has the same keys.
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
  format: Exclude<ExportFormat, 'raw'>;
  conversational: boolean;
  /** The reward format's margin column is there. */
  margin: boolean;
  strengthLevels: number;
}

export function rowShape(
  format: Exclude<ExportFormat, 'raw'>,
  conversational: boolean,
  strengthLevels: number,
  criterion: string | null,
): RowShape {
  return {
    format,
    conversational: conversational || format === 'trl-chat',
    margin: format === 'reward' && hasMargin(strengthLevels, criterion),
    strengthLevels,
  };
}

export function columnsOf(s: RowShape): Column[] {
  const text = s.conversational ? MESSAGES : STRING;
  const prompt = col(
    'prompt',
    text,
    s.conversational ? 'the conversation so far, as messages' : 'the prompt as text',
  );
  const completion = (name: string, what: string) =>
    col(name, text, s.conversational ? `${what}, as one assistant message` : what);
  switch (s.format) {
    case 'trl':
    case 'trl-chat':
    case 'reward':
      return [
        prompt,
        completion('chosen', 'the preferred response'),
        completion('rejected', 'the response it was preferred to'),
        ...(s.margin
          ? [
              col(
                'margin',
                FLOAT64,
                'how much better chosen is: (strength − 1) / (levels − 1), 0..1',
              ),
            ]
          : []),
      ];
    case 'kto':
      return [
        prompt,
        completion('completion', 'a response'),
        col('label', BOOL, 'true: desirable, false: undesirable'),
      ];
    case 'hh':
      return [
        col('chosen', STRING, 'the whole conversation ending in the preferred response'),
        col('rejected', STRING, 'the same conversation ending in the other response'),
      ];
  }
}

export function promptMessages(prompt: Prompt): Message[] {
  return typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
}

function assistant(content: string): Message[] {
  return [{ role: 'assistant', content }];
}

export function pairRow(
  s: RowShape,
  prompt: Prompt,
  chosen: string,
  rejected: string,
  strength: number | null,
): Row {
  if (s.format === 'hh')
    return { chosen: hhTranscript(prompt, chosen), rejected: hhTranscript(prompt, rejected) };
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
