import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { judgesFromSource } from '../../db/judges/from-source';
import { importJudgeVerdicts } from '../../db/judges/import-verdicts';
import { API_KEY_ENV, runJudge } from '../../db/judges/run-judge';
import { listJudges } from '../../db/judges/store';
import { triageQueue } from '../../db/judges/triage';
import { setJudgeTemplate } from '../../db/judges/templates';
import { JudgeRunOptionsSchema, parseJudgeItems } from '../../shared/judges/run';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

const SUBCOMMANDS = [
  'rankwise judges import <project.rankwise> <verdicts.jsonl> [--json]',
  'rankwise judges from-source <project.rankwise> [--json]',
  'rankwise judges list <project.rankwise> [--json]',
  'rankwise judges triage <project.rankwise> [--limit N] [--json]',
];

export const usage = SUBCOMMANDS.join('\n  ');

/** `rankwise judges …`: the project's judges (sources of verdicts that are not people). */
export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'import':
      return importCmd(rest, io);
    case 'from-source':
      return fromSourceCmd(rest, io);
    case 'list':
      return listCmd(rest, io);
    case 'triage':
      return triageCmd(rest, io);
    default:
      throw new UsageError(
        sub === undefined
          ? 'missing what to do: import, from-source, list or triage'
          : `unknown judges command ${JSON.stringify(sub)}; expected import, from-source, list or triage`,
      );
  }
}

async function importCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project', 'file']);
  const file = resolve(positionals[1]!);
  if (!existsSync(file)) throw new Error(`${positionals[1]}: no such file`);
  await Promise.resolve();
  // Checked before writing (the writable default): nothing goes into a damaged file.
  const project = openProject(resolve(positionals[0]!));
  try {
    const r = await importJudgeVerdicts(project.db, file, {
      signal: io.signal,
      onProgress: values.json
        ? undefined
        : (p) =>
            io.progress(
              `reading ${positionals[1]}: line ${p.lines}, ${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))}%`,
            ),
    });
    if (values.json) io.out(JSON.stringify(r));
    else {
      io.out(
        `${r.file}: added ${r.added} verdicts (${r.alreadyPresent} already in the project, ${r.duplicates} repeated lines)`,
      );
      for (const j of r.judges)
        io.out(`  ${j.name} (${j.kind}${j.created ? ', new' : ''}): ${j.added} added`);
    }
    return 0;
  } finally {
    project.close();
  }
}

async function fromSourceCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project']);
  await Promise.resolve();
  const project = openProject(resolve(positionals[0]!));
  try {
    const r = judgesFromSource(project.db);
    if (values.json) io.out(JSON.stringify(r));
    else {
      io.out(
        r.judges.length
          ? `${r.items} items carry the dataset's own verdicts:`
          : 'No item carries the dataset’s own verdicts (metadata.source_verdicts): nothing to do.',
      );
      for (const j of r.judges)
        io.out(
          `  ${j.name}${j.created ? ' (new)' : ''}: ${j.added} verdicts added, ${j.alreadyPresent} already there`,
        );
      if (r.undecided)
        io.out(`  ${r.undecided} pairs had no majority among one source's verdicts: left out`);
    }
    return 0;
  } finally {
    project.close();
  }
}

async function listCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project']);
  await Promise.resolve();
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  try {
    const judges = listJudges(project.db);
    if (values.json) io.out(JSON.stringify({ judges }));
    else if (!judges.length)
      io.out('No judges yet (rankwise judges import, judges from-source, judge).');
    else
      for (const j of judges)
        io.out(
          `${j.name}: ${j.kind}${j.model ? `, model ${j.model}` : ''}${j.templateVersion !== null ? `, template v${j.templateVersion}` : ''}; ` +
            `${j.verdicts} verdicts on ${j.items} items${j.noVerdict ? `, ${j.noVerdict} replies without a verdict` : ''}` +
            `${j.promptTokens + j.completionTokens ? `; ${j.promptTokens + j.completionTokens} tokens` : ''}; since ${new Date(j.createdAt).toISOString()}`,
        );
    return 0;
  } finally {
    project.close();
  }
}

const TIER_TEXT: Record<number, string> = {
  2: 'judges disagree',
  1: 'a judge flips with the order',
  0: 'judges agree',
  [-1]: 'no judge verdict',
};

async function triageCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { limit: { type: 'string' }, json: { type: 'boolean' } },
    ['project'],
  );
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw new UsageError(`--limit must be a whole number, got ${values.limit}`);
  await Promise.resolve();
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  try {
    const all = triageQueue(project.db);
    const entries = all.slice(0, limit);
    if (values.json) io.out(JSON.stringify({ total: all.length, entries }));
    else {
      io.out(`Where humans are needed most (${all.length} live items; top ${entries.length}):`);
      for (const e of entries)
        io.out(
          `  ${e.itemId}: ${TIER_TEXT[e.tier]}${e.disagreement !== null && e.tier === 2 ? ` (${(100 * e.disagreement).toFixed(0)}% of judge pairs)` : ''}` +
            `${e.flipped.length ? `; flipped: ${e.flipped.join(', ')}` : ''}${e.margin !== null ? `; reward margin ${e.margin.toFixed(3)}` : ''}`,
        );
    }
    return 0;
  } finally {
    project.close();
  }
}

export const judgeUsage =
  'rankwise judge <project.rankwise> --endpoint URL --model M [--name NAME] [--template FILE] [--both-orders] [--items unjudged|all|sample:N] [--concurrency N] [--timeout SECONDS] [--json]';

/**
 * `rankwise judge`: run an LLM judge over the project through an OpenAI-compatible
 * chat-completions endpoint. The API key is read from RANKWISE_JUDGE_API_KEY only.
 */
export const judgeCmd = {
  usage: judgeUsage,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        endpoint: { type: 'string' },
        model: { type: 'string' },
        name: { type: 'string' },
        template: { type: 'string' },
        'both-orders': { type: 'boolean' },
        items: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
      },
      ['project'],
    );
    if (!values.endpoint) throw new UsageError('missing --endpoint URL');
    if (!values.model) throw new UsageError('missing --model M');
    const items = parseJudgeItems(values.items ?? 'all');
    if (!items)
      throw new UsageError(
        `--items expects unjudged, all or sample:N, got ${JSON.stringify(values.items)}`,
      );
    const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new UsageError(
        `--concurrency expects a whole number from 1 to 64, got ${values.concurrency}`,
      );
    const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0)
      throw new UsageError(`--timeout expects seconds, got ${values.timeout}`);
    const templateText =
      values.template === undefined ? null : readFileSync(resolve(values.template), 'utf8');
    const options = JudgeRunOptionsSchema.parse({
      endpoint: values.endpoint,
      model: values.model,
      name: values.name ?? null,
      bothOrders: values['both-orders'] ?? false,
      items,
      concurrency,
    });
    const apiKey = (io.env ?? process.env)[API_KEY_ENV] || null;
    await Promise.resolve();
    const project = openProject(resolve(positionals[0]!));
    try {
      // A template given on the command line becomes the project's (a new version if it differs).
      if (templateText !== null) setJudgeTemplate(project.db, templateText);
      const summary = await runJudge(project.db, options, {
        apiKey,
        signal: io.signal,
        retry: { timeoutMs: timeout * 1000 },
        onProgress: values.json
          ? undefined
          : (p) =>
              io.progress(
                `judging: ${p.done}/${p.total} pairs, ${p.noVerdict} without a verdict, ${p.failed} failed, ${p.promptTokens + p.completionTokens} tokens${eta(p)}`,
              ),
      });
      if (values.json) io.out(JSON.stringify(summary));
      else {
        io.out(
          `judge ${summary.judge} (model ${summary.model}, template v${summary.templateVersion}): ${summary.verdicts} verdicts, ` +
            `${summary.noVerdict} replies without a verdict, ${summary.failed} failed; ${summary.skipped} already done; ` +
            `${summary.promptTokens} prompt + ${summary.completionTokens} completion tokens`,
        );
      }
      for (const e of summary.errors) io.err(`failed: item ${e.itemId}: ${e.message}`);
      if (summary.failed > summary.errors.length)
        io.err(`… and ${summary.failed - summary.errors.length} more failed pairs`);
      if (summary.cancelled) {
        io.err('cancelled: the answers so far are stored; run the same command again to go on');
        return 1;
      }
      if (summary.failed) {
        io.err(`${summary.failed} pairs failed; run the same command again to retry them`);
        return 1;
      }
      return 0;
    } finally {
      project.close();
    }
  },
};

function eta(p: { done: number; total: number; elapsedMs: number }): string {
  if (p.done < 3 || p.done >= p.total) return '';
  const left = ((p.total - p.done) * p.elapsedMs) / p.done / 1000;
  return left < 90 ? `, ~${Math.ceil(left)} s left` : `, ~${Math.ceil(left / 60)} min left`;
}
