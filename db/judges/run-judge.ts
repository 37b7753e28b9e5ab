import { ApiError } from '../../shared/api/errors';
import type { Prompt } from '../../shared/domain/item';
import { promptToText } from '../../shared/formats/trl';
import type { JudgeVerdict } from '../../shared/judges/judge';
import type {
  JudgeItems,
  JudgeRunOptions,
  JudgeRunSummary,
  JudgeTestResult,
} from '../../shared/judges/run';
import {
  parseVerdictReply,
  rationaleOf,
  renderTemplate,
  type ReplyVerdict,
} from '../../shared/judges/template';
import type { Db } from '../open';
import { stmt } from '../statements';
import {
  ChatError,
  chatCompletionsUrl,
  chatWithRetries,
  DEFAULT_RETRY,
  redact,
  type CallStats,
  type RetryPolicy,
} from './chat-client';
import { ensureJudge, findJudge, insertVerdict, touchJudge } from './store';
import { getJudgeTemplate } from './templates';

/** The environment variable the API key is read from; never stored, never printed. */
export const API_KEY_ENV = 'RANKWISE_JUDGE_API_KEY';

/** Replies kept as no-verdict text are cut here (with a note saying so): a log, not data. */
const MAX_RAW = 1_000_000;
const ERRORS_KEPT = 20;

export interface JudgeRunControl {
  signal?: AbortSignal;
  apiKey: string | null;
  onProgress?: (p: {
    done: number;
    total: number;
    verdicts: number;
    noVerdict: number;
    failed: number;
    promptTokens: number;
    completionTokens: number;
    elapsedMs: number;
  }) => void;
  /** Retry and timeout policy (tests shorten the waits). */
  retry?: Partial<RetryPolicy>;
  now?: () => number;
}

/** A fast string hash: the seeded order and sample, stable across runs and machines. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Without --both-orders, which response a judge sees first: seeded by judge and item, about half each way. */
export function firstShown(judge: string, itemId: string): 0 | 1 {
  return (hash32(`${judge}\u0000${itemId}\u0000order`) & 1) as 0 | 1;
}

/** The items a run covers, in queue order. */
function selectItems(db: Db, judge: string, items: JudgeItems): Array<{ seq: number; id: string }> {
  if (items.kind === 'unjudged')
    return stmt<[], { seq: number; id: string }>(
      db,
      `SELECT i.seq, i.id FROM items i WHERE i.archived = 0 AND NOT EXISTS (
         SELECT 1 FROM judgment_heads h WHERE h.item_id = i.id AND h.kind IN ('pairwise', 'ranking', 'rating'))
       ORDER BY i.seq`,
    ).all();
  const all = stmt<[], { seq: number; id: string }>(
    db,
    'SELECT seq, id FROM items WHERE archived = 0 ORDER BY seq',
  ).all();
  if (items.kind === 'all' || items.n >= all.length) return all;
  // The n items with the smallest seeded hash: the same sample on every run of this judge.
  const keyed = all.map((x) => ({ ...x, h: hash32(`${judge}\u0000${x.id}\u0000sample`) }));
  keyed.sort((a, b) => a.h - b.h || a.seq - b.seq);
  return keyed
    .slice(0, items.n)
    .sort((a, b) => a.seq - b.seq)
    .map(({ seq, id }) => ({ seq, id }));
}

interface PairText {
  prompt: Prompt;
  responses: [string, string];
}

function pairOf(db: Db, seq: number): PairText {
  const item = stmt<[number], { prompt_json: string }>(
    db,
    'SELECT prompt_json FROM items WHERE seq = ?',
  ).get(seq)!;
  const rs = stmt<[number], string>(
    db,
    'SELECT content FROM responses WHERE item_seq = ? AND idx < 2 ORDER BY idx',
  )
    .pluck()
    .all(seq);
  return { prompt: JSON.parse(item.prompt_json) as Prompt, responses: [rs[0]!, rs[1]!] };
}

/** The message for a pair shown with `first` as response A. */
function messageFor(template: string, pair: PairText, first: 0 | 1): string {
  return renderTemplate(template, {
    prompt: promptToText(pair.prompt),
    responseA: pair.responses[first],
    responseB: pair.responses[1 - first]!,
  });
}

/** A reply as a verdict on responses 0 and 1, shown `first` first. */
function verdictOf(
  reply: {
    content: string | null;
    body: string;
    promptTokens: number | null;
    completionTokens: number | null;
  },
  first: 0 | 1,
  templateVersion: number,
  apiKey: string | null,
  now: number,
): JudgeVerdict {
  const said: ReplyVerdict | null =
    reply.content === null ? null : parseVerdictReply(reply.content);
  const base = {
    lo: 0,
    hi: 1,
    shownFirst: first,
    scores: null,
    promptTokens: reply.promptTokens,
    completionTokens: reply.completionTokens,
    templateVersion,
    createdAt: now,
  };
  if (said === null) {
    let raw = redact(reply.content ?? reply.body, apiKey);
    if (raw.length > MAX_RAW)
      raw = `${raw.slice(0, MAX_RAW)}\n[… ${raw.length - MAX_RAW} more characters not kept]`;
    return { ...base, outcome: 'none', winner: null, rationale: null, rawReply: raw };
  }
  const rationale = rationaleOf(redact(reply.content!, apiKey));
  if (said === 'TIE' || said === 'BOTH_BAD')
    return {
      ...base,
      outcome: said === 'TIE' ? 'tie' : 'both_bad',
      winner: null,
      rationale,
      rawReply: null,
    };
  // A is the response shown first.
  const winner = said === 'A' ? first : 1 - first;
  return { ...base, outcome: 'preferred', winner, rationale, rawReply: null };
}

/**
 * The judge a run stores under: made with its first stored answer (kind llm, the model and
 * template version; a run that stores nothing, say against a mistyped model, leaves no judge
 * behind), and on later runs required to be the same model and template version, so one judge's
 * verdicts always come from one setup (calibration measures a setup, not a mixture). Returns the
 * judge's id now (null: not made yet) and how to get it made.
 */
function judgeFor(
  db: Db,
  name: string,
  model: string,
  templateVersion: number,
): { existing: number | null; make: () => number } {
  const found = findJudge(db, name);
  if (found) {
    if (found.kind !== 'llm' || found.model !== model || found.template_version !== templateVersion)
      throw new ApiError(
        'INVALID_INPUT',
        `judge ${JSON.stringify(name)} is a ${found.kind} judge${found.model ? ` with model ${JSON.stringify(found.model)}` : ''}${found.template_version !== null ? ` and template v${found.template_version}` : ''}; this run uses model ${JSON.stringify(model)} and template v${templateVersion}. A judge's verdicts come from one setup: give this run another --name.`,
      );
    return { existing: found.id, make: () => found.id };
  }
  let id: number | null = null;
  return {
    existing: null,
    make: () => (id ??= ensureJudge(db, { name, kind: 'llm', model, templateVersion }).id),
  };
}

/**
 * Run an LLM judge over the project's items: each pair (responses 0 and 1) sent to an
 * OpenAI-compatible chat-completions endpoint with the project's template, in a seeded order
 * (or both orders), `concurrency` calls at a time, each retried as chat-client.ts says. Each
 * answer is stored as it comes (a verdict, or no verdict with the reply's text), so a cancel or
 * a crash loses nothing answered and a second run skips what is done. A call that fails after
 * its retries is counted and left for the next run; one that can never work (a wrong key, URL or
 * model; nothing listening) stops the run.
 */
export async function runJudge(
  db: Db,
  options: JudgeRunOptions,
  control: JudgeRunControl,
): Promise<JudgeRunSummary> {
  const now = control.now ?? Date.now;
  const started = now();
  const url = chatCompletionsUrl(options.endpoint);
  const name = options.name ?? options.model;
  const template = getJudgeTemplate(db);
  const judge = judgeFor(db, name, options.model, template.version);
  const items = selectItems(db, name, options.items);
  const policy = { ...DEFAULT_RETRY, ...control.retry };

  // What needs doing: per item, the orders not judged yet.
  const orders = stmt<[number, number], number>(
    db,
    'SELECT shown_first FROM judge_verdicts WHERE judge_id = ? AND item_seq = ? AND pair_lo = 0 AND pair_hi = 1',
  ).pluck();
  const taskSeq: number[] = [];
  const taskId: string[] = [];
  const taskFirst: Array<0 | 1> = [];
  let skipped = 0;
  for (const it of items) {
    const done = judge.existing === null ? [] : orders.all(judge.existing, it.seq);
    const want: Array<0 | 1> = options.bothOrders ? [0, 1] : [firstShown(name, it.id)];
    for (const f of want) {
      // Single order: any verdict on the pair means done (an earlier run may have used both).
      if (options.bothOrders ? done.includes(f) : done.length > 0) {
        skipped++;
        continue;
      }
      taskSeq.push(it.seq);
      taskId.push(it.id);
      taskFirst.push(f);
    }
  }

  const summary: JudgeRunSummary = {
    judge: name,
    model: options.model,
    templateVersion: template.version,
    items: items.length,
    tasks: taskSeq.length,
    skipped,
    verdicts: 0,
    noVerdict: 0,
    failed: 0,
    rateLimited: 0,
    attempts: 0,
    promptTokens: 0,
    completionTokens: 0,
    errors: [],
    cancelled: false,
    elapsedMs: 0,
  };
  const stats: CallStats = { attempts: 0, rateLimited: 0 };
  // Stops the other calls at once when one finds the endpoint unusable, or on cancel.
  const stop = new AbortController();
  const onAbort = () => stop.abort(control.signal!.reason);
  control.signal?.addEventListener('abort', onAbort, { once: true });
  let fatal: ChatError | null = null;
  let next = 0;
  let done = 0;
  const report = () =>
    control.onProgress?.({
      done,
      total: taskSeq.length,
      verdicts: summary.verdicts,
      noVerdict: summary.noVerdict,
      failed: summary.failed,
      promptTokens: summary.promptTokens,
      completionTokens: summary.completionTokens,
      elapsedMs: now() - started,
    });

  const work = async () => {
    while (!stop.signal.aborted && next < taskSeq.length) {
      const k = next++;
      const first = taskFirst[k]!;
      const message = messageFor(template.text, pairOf(db, taskSeq[k]!), first);
      try {
        const reply = await chatWithRetries(
          {
            url,
            model: options.model,
            apiKey: control.apiKey,
            messages: [{ role: 'user', content: message }],
            signal: stop.signal,
          },
          policy,
          stats,
        );
        if (stop.signal.aborted) break;
        const v = verdictOf(reply, first, template.version, control.apiKey, now());
        insertVerdict(db, judge.make(), taskSeq[k]!, v);
        if (v.outcome === 'none') summary.noVerdict++;
        else summary.verdicts++;
        summary.promptTokens += reply.promptTokens ?? 0;
        summary.completionTokens += reply.completionTokens ?? 0;
      } catch (e) {
        if (stop.signal.aborted && !(e instanceof ChatError)) break;
        if (!(e instanceof ChatError)) throw e;
        if (e.fatal) {
          fatal ??= e;
          stop.abort();
          break;
        }
        summary.failed++;
        if (summary.errors.length < ERRORS_KEPT)
          summary.errors.push({ itemId: taskId[k]!, message: e.message });
      }
      done++;
      report();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, taskSeq.length) }, work));
  } finally {
    control.signal?.removeEventListener('abort', onAbort);
    if (summary.verdicts + summary.noVerdict > 0) touchJudge(db, judge.make(), now());
  }
  summary.rateLimited = stats.rateLimited;
  summary.attempts = stats.attempts;
  summary.elapsedMs = now() - started;
  summary.cancelled = control.signal?.aborted ?? false;
  if (fatal !== null) {
    const f: ChatError = fatal;
    throw new ApiError(
      'INVALID_INPUT',
      `the judge run stopped: ${f.message}. ${summary.verdicts + summary.noVerdict} answers were stored; fix the endpoint, model or key (${API_KEY_ENV}) and run again to go on.`,
      { summary },
    );
  }
  return summary;
}

/** One pair sent to the endpoint and read, nothing stored: what the Judges screen's "test" shows. */
export async function testJudge(
  db: Db,
  options: { endpoint: string; model: string; itemId: string | null; templateText: string | null },
  control: { apiKey: string | null; signal?: AbortSignal; retry?: Partial<RetryPolicy> },
): Promise<JudgeTestResult> {
  const url = chatCompletionsUrl(options.endpoint);
  const item = options.itemId
    ? stmt<[string], { seq: number; id: string }>(db, 'SELECT seq, id FROM items WHERE id = ?').get(
        options.itemId,
      )
    : stmt<[], { seq: number; id: string }>(
        db,
        'SELECT seq, id FROM items WHERE archived = 0 ORDER BY seq LIMIT 1',
      ).get();
  if (!item)
    throw new ApiError(
      'NOT_FOUND',
      options.itemId
        ? `no item with id ${JSON.stringify(options.itemId)}`
        : 'the project has no items',
    );
  const text = options.templateText ?? getJudgeTemplate(db).text;
  const message = messageFor(text, pairOf(db, item.seq), 0);
  const t0 = performance.now();
  try {
    const reply = await chatWithRetries(
      {
        url,
        model: options.model,
        apiKey: control.apiKey,
        messages: [{ role: 'user', content: message }],
        signal: control.signal,
      },
      { ...DEFAULT_RETRY, attempts: 2, ...control.retry },
    );
    const content = reply.content === null ? null : redact(reply.content, control.apiKey);
    return {
      itemId: item.id,
      order: [0, 1],
      message,
      reply: content ?? redact(reply.body, control.apiKey),
      verdict: content === null ? null : parseVerdictReply(content),
      promptTokens: reply.promptTokens,
      completionTokens: reply.completionTokens,
      ms: performance.now() - t0,
    };
  } catch (e) {
    if (e instanceof ChatError)
      throw new ApiError('INVALID_INPUT', `the test call failed: ${e.message}`);
    throw e;
  }
}
