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
      counts: {
        items: count('SELECT count(*) AS n FROM items WHERE archived = 0'),
        responses: count('SELECT count(*) AS n FROM responses'),
        judgments: count('SELECT count(*) AS n FROM judgments'),
        labellers: count('SELECT count(*) AS n FROM labellers'),
      },
    }),
  };
}
