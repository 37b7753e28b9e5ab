import { basename } from 'node:path';
import { getSetting, getTask } from '../settings';
import { stmt } from '../statements';
import type { BackendContext, HandlerGroup } from './context';

export function projectHandlers(ctx: BackendContext): HandlerGroup<'project'> {
  const { db, project } = ctx;
  const count = (sql: string) => stmt<[], { n: number }>(db, sql).get()!.n;
  return {
    'project.info': () => ({
      path: project.path,
      name: getSetting<string>(db, 'project.name') ?? basename(project.path),
      projectId: getSetting<string>(db, 'project.id') ?? '',
      schemaVersion: project.schemaVersion,
      showModelNames: getTask(db).showModelNames,
      // Counters kept by triggers (migration 008): this is on the way to the first item.
      counts: {
        items: count('SELECT live_items AS n FROM project_counts'),
        responses: count('SELECT responses AS n FROM project_counts'),
        judgments: count('SELECT judgments AS n FROM project_counts'),
        labellers: count('SELECT count(*) AS n FROM labellers'),
      },
    }),
  };
}
