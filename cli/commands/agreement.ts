import { resolve } from 'node:path';
import { analyse } from '../../db/analysis/run';
import { queueEntries } from '../../db/analysis/queue-page';
import { openProject } from '../../db/open';
import type { AgreementReport, Figure, QueueEntry } from '../../shared/analysis/report';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise agreement <project.rankwise> [--json] [--queue N] [--judge-slice FIELD]';

const fmt = (v: number | null, digits = 3) => (v === null ? 'undefined' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

/** The review screen's figures (the same function computes both), for people or, with --json, scripts. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { json: { type: 'boolean' }, queue: { type: 'string' }, 'judge-slice': { type: 'string' } },
    ['project'],
  );
  const queueLimit = values.queue === undefined ? 20 : Number(values.queue);
  if (!Number.isInteger(queueLimit) || queueLimit < 0)
    throw new UsageError(`--queue must be a whole number, got ${values.queue}`);
  await Promise.resolve();
  // Checked first (quick_check, synchronous): the analysis reads every judgment, and figures
  // must not come silently from a damaged file; the refusal names the damage.
  openProject(resolve(positionals[0]!), { readonly: true, quickCheck: true }).close();
  const result = analyse(resolve(positionals[0]!), {
    task: 'agreement',
    judgeSlicesBy: values['judge-slice'] ?? null,
  });
  if (result.task !== 'agreement') throw new Error('unexpected analysis result');
  const { report } = result;
  const total = result.queue.seq.length;
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  let queue: QueueEntry[];
  try {
    queue = queueEntries(
      project.db,
      result.queue,
      Array.from({ length: Math.min(queueLimit, total) }, (_, i) => i),
    );
  } finally {
    project.close();
  }
  if (values.json) {
    io.out(JSON.stringify({ ...report, queue }));
    return 0;
  }
  for (const line of describe(report)) io.out(line);
  if (queue.length) {
    io.out('');
    io.out(`Disagreement queue (${total} items; top ${queue.length}):`);
    for (const e of queue)
      io.out(
        `  ${e.itemId}  disagreement ${fmt(e.score, 2)}  ${Object.entries(e.labels)
          .map(([l, n]) => `${l} ×${n}`)
          .join(', ')}`,
      );
  }
  return 0;
}

function figureLines(figures: Figure[]): string[] {
  const w = Math.max(...figures.map((f) => f.label.length));
  return figures.map(
    (f) => `  ${f.label.padEnd(w)}  ${fmt(f.value).padStart(9)}  (${f.units} units)`,
  );
}

function describe(r: AgreementReport): string[] {
  const c = r.counts;
  const out = [
    `${c.items} items, ${c.judgedItems} judged, ${c.sharedItems} judged by two or more; ${c.judgments} judgments by ${c.labellers} labellers; ${c.adjudicated} adjudicated`,
  ];
  for (const t of r.tasks) {
    out.push(
      '',
      `${t.task} (${t.judgments} judgments, ${t.sharedItems} shared items):`,
      ...figureLines(t.figures),
    );
  }
  for (const c2 of r.criteria)
    out.push('', `criterion ${c2.criterion}:`, ...figureLines(c2.figures));
  if (r.labellers.length > 1) {
    out.push('', "Cohen's κ between labellers:");
    const names = r.labellers.map((l) => l.name.slice(0, 12));
    out.push(`  ${''.padEnd(12)} ${names.map((n) => n.padStart(12)).join(' ')}`);
    r.pairs.cohenKappa.forEach((row, a) =>
      out.push(
        `  ${names[a]!.padEnd(12)} ${row.map((v, b) => (a === b ? '—' : fmt(v)).padStart(12)).join(' ')}`,
      ),
    );
  }
  out.push('', 'Per labeller:');
  for (const l of r.perLabeller) {
    const iv = l.positionBias.interval;
    out.push(
      `  ${l.name}: ${l.judgments} judgments; agrees with the others' majority ${pct(l.consensus.rate)} (n ${l.consensus.n}); ` +
        `left wins ${pct(l.positionBias.rate)}${iv ? ` [${pct(iv.lower)}, ${pct(iv.upper)}]` : ''}; ` +
        `ties ${pct(l.tieRate)}, both bad ${pct(l.bothBadRate)}; median ${fmt(l.time.median, 1)} s per item; ` +
        `gold ${l.gold.n ? `${l.gold.correct}/${l.gold.n}` : '—'}; repeats consistent ${l.repeats.n ? `${l.repeats.consistent}/${l.repeats.n}` : '—'}; ` +
        `circular triads ${l.transitivity.circular}/${l.transitivity.triples}`,
    );
  }
  const name = new Map(r.labellers.map((l) => [l.id, l.name]));
  for (const j of r.judges) {
    const m = j.vsHumanMajority;
    const pb = j.positionBias;
    const iv = pb.interval;
    out.push(
      '',
      `Judge ${j.name} (${j.kind}${j.model ? `, ${j.model}` : ''}): ${j.verdicts} verdicts${j.noVerdict ? `, ${j.noVerdict} replies without one` : ''}`,
      `  agrees with the human majority ${pct(m.agreement)} (κ ${fmt(m.kappa)}, ${m.items} items)`,
      ...j.vsLabellers
        .filter((x) => x.items > 0)
        .map(
          (x) =>
            `  with ${name.get(x.labellerId) ?? x.labellerId}: ${pct(x.agreement)} (κ ${fmt(x.kappa)}, ${x.items} items)`,
        ),
      `  first-shown response wins ${pct(pb.firstShownRate)}${iv ? ` [${pct(iv.lower)}, ${pct(iv.upper)}]` : ''} of ${pb.n} decisive verdicts; ` +
        (j.orderConsistency
          ? `same verdict in both orders ${pct(j.orderConsistency.rate)} of ${j.orderConsistency.pairs} pairs`
          : 'never judged both orders'),
      `  people agree with it ${pct(j.anchoring.anchored.agreement)} with its suggestion on screen (n ${j.anchoring.anchored.n}), ${pct(j.anchoring.unanchored.agreement)} without (n ${j.anchoring.unanchored.n})`,
      ...(j.slices ?? []).map(
        (x) =>
          `  ${r.judgeSlicesBy}=${x.value ?? '(none)'}: ${pct(x.agreement)} with the majority (κ ${fmt(x.kappa)}, ${x.items} items)`,
      ),
    );
  }
  return out;
}
