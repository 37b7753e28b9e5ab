import { join } from 'node:path';
import { dispatch } from '../dispatch';
import { importFile } from '../import/import-file';
import type { Backend } from '../backend';
import { newBackend, newProject, item, writeJsonl } from './temp-project';

/** A project with `items` imported and the first `judged` of them judged by one labeller. */
export async function populatedProject(
  dir: string,
  { items = 20, judged = 5, name = 'p.rankwise', prompt = (i: number) => `prompt ${i}` } = {},
): Promise<{ path: string; labellerId: string }> {
  const project = newProject(dir, name);
  const source = writeJsonl(
    join(dir, `${name}.jsonl`),
    Array.from({ length: items }, (_, i) => item(`i${i}`, prompt(i))),
  );
  await importFile(project.db, source);
  const backend = newBackend(project, { name: 'Ada' });
  const session = (await call(backend, 'session.get', {})) as { labeller: { id: string } };
  const labellerId = session.labeller.id;
  for (let i = 0; i < judged; i++) await judge(backend, labellerId, `i${i}`);
  await backend.close();
  return { path: project.path, labellerId };
}

/** Submit 'A is better' for an item, as the UI would. */
export async function judge(backend: Backend, labellerId: string, itemId: string) {
  return (await call(backend, 'judgments.submit', {
    labellerId,
    itemId,
    displayedOrder: [0, 1],
    verdict: { kind: 'pairwise', choice: 'A' },
    timeMs: 1000,
  })) as { judgmentId: string };
}

export async function call(backend: Backend, method: string, input: unknown): Promise<unknown> {
  const r = await dispatch(backend.handlers, method, input);
  if (!r.ok)
    throw Object.assign(new Error(r.error.message), {
      code: r.error.code,
      details: r.error.details,
    });
  return r.value;
}
