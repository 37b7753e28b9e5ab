import { resolve } from 'node:path';
import { analyse } from '../../db/analysis/run';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise leaderboard <project.rankwise> [--json] [--bootstrap N] [--exclude-both-bad]';

const fmt = (v: number | null, d = 0) => (v === null ? '∞' : v.toFixed(d));

/** Bradley–Terry with bootstrap intervals, Elo and win rates, as on the Leaderboard screen. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      json: { type: 'boolean' },
      bootstrap: { type: 'string' },
      'exclude-both-bad': { type: 'boolean' },
    },
    ['project'],
  );
  const rounds = values.bootstrap === undefined ? 200 : Number(values.bootstrap);
  if (!Number.isInteger(rounds) || rounds < 0)
    throw new UsageError(`--bootstrap must be a whole number, got ${values.bootstrap}`);
  await Promise.resolve();
  // Checked first, like `agreement`: a leaderboard must not come silently from a damaged file.
  openProject(resolve(positionals[0]!), { readonly: true, quickCheck: true }).close();
  const result = analyse(resolve(positionals[0]!), {
    task: 'leaderboard',
    options: { bootstrapRounds: rounds, bothBadAsTie: !values['exclude-both-bad'] },
  });
  if (result.task !== 'leaderboard') throw new Error('unexpected analysis result');
  const lb = result.leaderboard;
  if (values.json) {
    io.out(JSON.stringify(lb));
    return 0;
  }
  if (lb.models.length === 0 && lb.judges.every((j) => j.models.length === 0)) {
    io.out('No model comparisons: responses carry no model names, or nothing is judged yet.');
    return 0;
  }
  io.out(
    `${lb.comparisons} comparisons (${lb.skipped.noModel} without model names, ${lb.skipped.sameModel} same model left out)`,
  );
  const w = Math.max(5, ...lb.models.map((m) => m.model.length));
  io.out(
    `${'model'.padEnd(w)}  ${'BT rating'.padStart(9)}  ${'95% interval'.padStart(15)}  ${'Elo'.padStart(6)}  ${'win rate'.padStart(8)}  ${'n'.padStart(7)}`,
  );
  for (const m of lb.models) {
    const iv = m.ratingInterval;
    io.out(
      `${m.model.padEnd(w)}  ${(m.estimable ? fmt(m.rating) : `not estimable (${m.reason})`).padStart(9)}  ${(iv ? `${fmt(iv.lower)} – ${fmt(iv.upper)}` : '').padStart(15)}  ${fmt(m.elo).padStart(6)}  ${(m.winRate === null ? '' : `${(100 * m.winRate).toFixed(1)}%`).padStart(8)}  ${String(m.comparisons).padStart(7)}`,
    );
  }
  for (const j of lb.judges) {
    io.out('');
    io.out(
      `judge ${j.name}: ${j.comparisons} comparisons; Kendall's tau with the people's order ${j.kendallTau === null ? 'undefined' : j.kendallTau.toFixed(3)} over ${j.modelsCompared} models`,
    );
    for (const m of j.models)
      io.out(
        `  ${m.model.padEnd(w)}  ${(m.estimable ? fmt(m.rating) : `not estimable (${m.reason})`).padStart(9)}  ${(m.winRate === null ? '' : `${(100 * m.winRate).toFixed(1)}%`).padStart(8)}  ${String(m.comparisons).padStart(7)}`,
      );
  }
  return 0;
}
