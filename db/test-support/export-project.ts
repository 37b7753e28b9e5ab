import { join } from 'node:path';
import { createClient, type Client } from '../../shared/api/client';
import type { DisplayedVerdictInput } from '../../shared/domain/judgment';
import type { TaskSettings } from '../../shared/domain/task';
import type { Backend } from '../backend';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { ensureLabeller } from '../labellers';
import { appendReview } from '../reviews';
import { newBackend, newProject, writeJsonl } from './temp-project';

/**
 * A project with known judgments from three labellers, for the export tests. Every verdict
 * goes in through `judgments.submit` exactly as the UI sends it — in display positions, in
 * the order that labeller was shown — so the exports prove they map back to responses.
 *
 * Verdicts below are in response terms (0 = the first response, "A1", 1 = the second, "B1").
 */
export const ADA = '0190a000-0000-7000-8000-00000000000a';
export const BEN = '0190a000-0000-7000-8000-00000000000b';
export const CY = '0190a000-0000-7000-8000-00000000000c';

export type Verdict =
  | { win: 0 | 1; s: number; criteria?: Record<string, 0 | 1 | 'tie'>; flags?: string[] }
  | { tie: true }
  | { bothBad: true }
  | { ranking: number[][] }
  | { ratings: Array<{ overall?: number; thumb?: 'up' | 'down' }> }
  | { skip: true };

export const GUIDELINES = '# Be kind\n\nPrefer the answer that helps without harm.';

export interface ExportProject {
  backend: Backend;
  client: Client;
  path: string;
  /** Verdicts as submitted: the displayed order each labeller had, per item. */
  orders: Map<string, number[]>;
}

function items() {
  const pair = (n: string) => ({
    id: `i${n}`,
    prompt: `Q${n}`,
    responses: [
      { model: 'alpha', text: `A${n}` },
      { model: 'beta', text: `B${n}` },
    ],
  });
  const out: Array<Record<string, unknown>> = ['1', '2', '3', '4'].map(pair);
  out.push({
    id: 'i5',
    messages: [
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hello' },
    ],
    responses: [
      { model: 'alpha', text: 'A5' },
      { model: 'beta', text: 'B5' },
    ],
  });
  out.push({ ...pair('6'), metadata: { gold: { chosen: 1 } } });
  out.push(pair('7'), pair('8'), pair('9'));
  return out;
}

/** The pairwise team project: items i1..i9, labellers Ada, Ben, Cy (see the table in each test). */
export const PAIRWISE: Array<[string, string, Verdict]> = [
  ['i1', ADA, { win: 1, s: 1 }], // revised below: Ada's first thought
  ['i1', ADA, { win: 0, s: 4, criteria: { helpfulness: 0, harmlessness: 'tie' } }],
  ['i1', BEN, { win: 0, s: 3, criteria: { helpfulness: 0 } }],
  ['i1', CY, { win: 0, s: 2 }],
  ['i2', ADA, { win: 1, s: 2 }],
  ['i2', BEN, { win: 1, s: 2 }],
  ['i2', CY, { win: 0, s: 1 }],
  ['i3', ADA, { win: 0, s: 1 }],
  ['i3', BEN, { win: 1, s: 4 }],
  ['i3', CY, { tie: true }],
  ['i4', ADA, { bothBad: true }],
  ['i4', BEN, { bothBad: true }],
  ['i4', CY, { win: 0, s: 2 }],
  ['i5', ADA, { win: 0, s: 3 }],
  ['i5', BEN, { win: 0, s: 1, flags: ['unsafe'] }],
  ['i6', ADA, { win: 1, s: 2 }],
  ['i6', BEN, { win: 1, s: 2 }],
  ['i7', ADA, { win: 0, s: 2 }],
  ['i7', BEN, { win: 1, s: 3 }],
  ['i8', ADA, { win: 0, s: 1 }],
  ['i8', BEN, { win: 0, s: 1 }],
  ['i9', ADA, { win: 1, s: 4 }],
  ['i9', CY, { win: 0, s: 1 }], // undone below, then skipped
];

/** A project of `records` judged by Ada (the session's labeller), Ben and Cy, with the task patched. */
async function teamProject(
  dir: string,
  name: string,
  records: unknown[],
  task: (t: Omit<TaskSettings, 'version'>) => Omit<TaskSettings, 'version'>,
): Promise<ExportProject> {
  const project = newProject(dir, `${name}.rankwise`);
  await importFile(project.db, writeJsonl(join(dir, `${name}.jsonl`), records));
  const backend = newBackend(project, { name: 'Ada', id: ADA });
  ensureLabeller(project.db, { id: BEN, name: 'Ben' });
  ensureLabeller(project.db, { id: CY, name: 'Cy' });
  const client = createClient(createInProcessTransport(backend));
  const { version: _v, ...current } = (await client.call('settings.get', {})).task;
  await client.call('settings.updateTask', { task: task(current) });
  return { backend, client, path: project.path, orders: new Map() };
}

const RATINGS = { aspects: [{ name: 'overall', min: 1, max: 5 }], thumbs: true };

export async function pairwiseProject(dir: string): Promise<ExportProject> {
  const p = await teamProject(dir, 'p', items(), (t) => ({
    ...t,
    pairwise: { ...t.pairwise, strengthLevels: 4 },
    criteria: ['helpfulness', 'harmlessness'],
    rating: RATINGS,
  }));
  const { client } = p;
  await client.call('settings.updateGuidelines', { markdown: GUIDELINES });
  for (const [itemId, labellerId, v] of PAIRWISE) await submit(p, labellerId, itemId, v);
  await client.call('judgments.undo', { labellerId: CY }); // takes back Cy's i9
  await submit(p, CY, 'i9', { skip: true });
  // A reviewer settles i7 for B (strength 4) and throws i8 out.
  const { db } = p.backend.project;
  appendReview(db, {
    itemId: 'i7',
    reviewerId: ADA,
    decision: { kind: 'pairwise', outcome: 'preferred', chosenIdx: 1, rejectedIdx: 0, strength: 4 },
    note: 'B is safer',
  });
  appendReview(db, {
    itemId: 'i8',
    reviewerId: ADA,
    decision: { kind: 'discard' },
    note: 'broken prompt',
  });
  return p;
}

/** Rankings of three responses and ratings of two, for rank-pairs and KTO-from-ratings. */
export async function rankedProject(dir: string): Promise<ExportProject> {
  const choices = (id: string, prompt: string, labels: string[]) => ({
    id,
    prompt,
    responses: labels.map((l, i) => ({
      model: ['alpha', 'beta', 'gamma'][i],
      text: `${prompt}${l}`,
    })),
  });
  const p = await teamProject(
    dir,
    'ranked',
    [choices('r1', 'R1', ['a', 'b', 'c']), choices('t1', 'T1', ['a', 'b'])],
    (t) => ({ ...t, mode: 'ranking', rating: RATINGS }),
  );
  await submit(p, ADA, 'r1', { ranking: [[0], [1], [2]] });
  await submit(p, BEN, 'r1', { ranking: [[0], [2], [1]] });
  await submit(p, CY, 'r1', { ranking: [[1], [0], [2]] });
  await submit(p, ADA, 't1', {
    ratings: [
      { overall: 5, thumb: 'up' },
      { overall: 2, thumb: 'down' },
    ],
  });
  await submit(p, BEN, 't1', { ratings: [{ overall: 4 }, { overall: 3 }] });
  return p;
}

/** Submit a verdict given in response terms, translated to what the labeller saw. */
export async function submit(
  p: ExportProject,
  labellerId: string,
  itemId: string,
  v: Verdict,
): Promise<void> {
  const view = await p.client.call('items.get', { labellerId, itemId });
  const order = view.displayedOrder;
  p.orders.set(`${itemId}/${labellerId}`, order);
  const pos = (idx: number) => order.indexOf(idx);
  const side = (idx: number): 'A' | 'B' => (pos(idx) === 0 ? 'A' : 'B');
  let verdict: DisplayedVerdictInput;
  let flags: string[] = [];
  if ('win' in v) {
    verdict = {
      kind: 'pairwise',
      choice: side(v.win),
      strength: v.s,
      criteria: Object.fromEntries(
        Object.entries(v.criteria ?? {}).map(([k, c]) => [k, c === 'tie' ? 'tie' : side(c)]),
      ),
    };
    flags = v.flags ?? [];
  } else if ('tie' in v) verdict = { kind: 'pairwise', choice: 'tie' };
  else if ('bothBad' in v) verdict = { kind: 'pairwise', choice: 'both_bad' };
  else if ('ranking' in v) verdict = { kind: 'ranking', tiers: v.ranking.map((t) => t.map(pos)) };
  else if ('ratings' in v)
    verdict = {
      kind: 'rating',
      ratings: v.ratings.map((r, idx) => ({
        position: pos(idx),
        aspects: Object.fromEntries(r.overall === undefined ? [] : [['overall', r.overall]]),
        thumb: r.thumb ?? null,
      })),
    };
  else verdict = { kind: 'skip' };
  await p.client.call('judgments.submit', {
    labellerId,
    itemId,
    displayedOrder: order,
    verdict,
    flags,
    timeMs: 1000,
  });
}
