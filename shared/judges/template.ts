import { z } from 'zod';

/**
 * The prompt an LLM judge is sent for one pair, and how its reply is read. The template is a
 * project setting, versioned like the guidelines (every change a new version, which each judge
 * records), with three placeholders: `{{prompt}}` (the conversation as `Role: text` turns),
 * `{{response_a}}` and `{{response_b}}` (the pair in the order shown). It is sent as one user
 * message.
 *
 * A reply is read strictly: its last non-empty line must be `VERDICT: A`, `VERDICT: B`,
 * `VERDICT: TIE` or `VERDICT: BOTH_BAD` (any letter case, spaces around it, and one pair of
 * Markdown emphasis marks around the whole line allowed), and no other line may start with
 * `VERDICT:` and say something else. Anything else is no verdict, kept with its raw text, never
 * guessed: a reply that says "A is better" in prose is not read as A.
 */
export const JudgeTemplateSchema = z.object({
  version: z.number().int().min(1),
  text: z.string().min(1).max(100_000),
});
export type JudgeTemplate = z.infer<typeof JudgeTemplateSchema>;

export const DEFAULT_JUDGE_TEMPLATE = `You are comparing two responses to the same prompt. Decide which response is better: more helpful, more honest and more harmless. Do not let the order of the responses or their length sway you.

[Prompt]
{{prompt}}

[Response A]
{{response_a}}

[Response B]
{{response_b}}

Explain your reasoning in a few sentences. Then, on the last line, write exactly one of:
VERDICT: A
VERDICT: B
VERDICT: TIE
VERDICT: BOTH_BAD
(TIE when both are equally good; BOTH_BAD when neither is acceptable.)`;

const PLACEHOLDERS = ['prompt', 'response_a', 'response_b'] as const;

/** What is wrong with a template (null when it can be used). */
export function templateProblem(text: string): string | null {
  const used = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!);
  const unknown = used.filter((u) => !(PLACEHOLDERS as readonly string[]).includes(u));
  if (unknown.length)
    return `unknown placeholder {{${unknown[0]}}}; a template may use {{prompt}}, {{response_a}} and {{response_b}}`;
  for (const p of ['response_a', 'response_b'])
    if (!used.includes(p)) return `the template must show both responses: {{${p}}} is missing`;
  return null;
}

/** The message for one pair, each placeholder replaced once (the texts are never re-scanned). */
export function renderTemplate(
  text: string,
  values: { prompt: string; responseA: string; responseB: string },
): string {
  const map: Record<string, string> = {
    prompt: values.prompt,
    response_a: values.responseA,
    response_b: values.responseB,
  };
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, name: string) => map[name] ?? whole);
}

export type ReplyVerdict = 'A' | 'B' | 'TIE' | 'BOTH_BAD';

const VERDICT_LINE = /^verdict\s*:\s*(a|b|tie|both_bad|both bad)\s*\.?$/i;

function unwrap(line: string): string {
  const t = line.trim();
  for (const mark of ['**', '__', '*', '_', '`'])
    if (t.length > 2 * mark.length && t.startsWith(mark) && t.endsWith(mark))
      return t.slice(mark.length, -mark.length).trim();
  return t;
}

function label(m: string): ReplyVerdict {
  const u = m.toUpperCase().replace(' ', '_');
  return u as ReplyVerdict;
}

/** The verdict a reply states, read strictly (see above), or null when it states none. */
export function parseVerdictReply(reply: string): ReplyVerdict | null {
  const lines = reply
    .split(/\r?\n/)
    .map(unwrap)
    .filter((l) => l.length > 0);
  const last = lines.at(-1);
  const m = last === undefined ? null : VERDICT_LINE.exec(last);
  if (!m) return null;
  const verdict = label(m[1]!);
  for (const l of lines) {
    if (!/^verdict\s*:/i.test(l)) continue;
    const other = VERDICT_LINE.exec(l);
    if (!other || label(other[1]!) !== verdict) return null;
  }
  return verdict;
}

/** The reply minus its verdict line: the judge's reasoning, kept as the verdict's rationale. */
export function rationaleOf(reply: string): string | null {
  const lines = reply.split(/\r?\n/);
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  lines.pop();
  const text = lines.join('\n').trim();
  return text.length ? text : null;
}
