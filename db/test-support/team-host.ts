import { join } from 'node:path';
import { createBackend, type Backend } from '../backend';
import { memoryIdentityStore } from '../identity-file';
import { importFile } from '../import/import-file';
import { ensureLabeller } from '../labellers';
import { openProject, type Project } from '../open';
import { call } from './populated';
import { item, writeJsonl } from './temp-project';
import { Presence } from '../team-host/presence';
import type { TeamOptions } from '../team-host/team-backend';

/** A project of `items` items (`i0`, `i1`, …) and labellers by name, on a real file. */
export async function teamProject(dir: string, items: number, names: string[]) {
  const project = openProject(join(dir, 'team.rankwise'), { create: true });
  await importFile(
    project.db,
    writeJsonl(
      join(dir, 'items.jsonl'),
      Array.from({ length: items }, (_, i) => item(`i${i}`)),
    ),
  );
  const labellers = names.map((name) => ensureLabeller(project.db, { name }));
  return { project, labellers };
}

/** A team host's Backend on the project, with a clock the test moves. */
export function teamBackendOn(
  project: Project,
  options: Partial<TeamOptions> & { clock?: { now: number } } = {},
): { backend: Backend; presence: Presence; clock: { now: number } } {
  const clock = options.clock ?? { now: Date.now() };
  const presence = options.presence ?? new Presence();
  const backend = createBackend({
    project,
    host: 'browser',
    identity: memoryIdentityStore(),
    team: { presence, leaseMs: options.leaseMs ?? 60_000, now: () => clock.now, ...options },
  });
  return { backend, presence, clock };
}

export const verdictA = { kind: 'pairwise', choice: 'A' } as const;

/** Submit "A is better" (or a skip) for an item as a labeller would. */
export function submit(backend: Backend, labellerId: string, itemId: string, skip = false) {
  return call(backend, 'judgments.submit', {
    labellerId,
    itemId,
    displayedOrder: [0, 1],
    verdict: skip ? { kind: 'skip' } : verdictA,
    timeMs: 1000,
  }) as Promise<{ judgmentId: string; revision: number }>;
}

export async function next(backend: Backend, labellerId: string, exclude: string[] = []) {
  return (await call(backend, 'items.next', { labellerId, exclude })) as {
    id: string;
    seq: number;
    heldUntil?: number | null;
  } | null;
}
