import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { AssignmentError } from '../../shared/team/assignment-plan';
import { writeAnnotations } from '../handoff/annotations';
import { writePackage } from '../handoff/package';
import { ensureLabeller, findLabeller } from '../labellers';
import { openProject } from '../open';
import { getSetting } from '../settings';
import { stmt } from '../statements';
import { assign } from '../team/assignments';
import { CURRENT_REPEAT_ROW } from '../team/repeats';
import { countGold, setGold } from '../team/gold';
import type { BackendContext, HandlerGroup } from './context';

function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'labeller';
}

export function teamHandlers(ctx: BackendContext): HandlerGroup<'team'> {
  const { db } = ctx;
  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
  const projectName = () => fileSafe(getSetting<string>(db, 'project.name') ?? 'project');
  const requireMember = (id: string) => {
    const l = findLabeller(db, id);
    if (!l) throw new ApiError('NOT_FOUND', `no labeller with id ${id} in this project`);
    return l;
  };
  return {
    'team.members': () => {
      const members = stmt<
        [],
        {
          id: string;
          name: string;
          judged: number;
          revisions: number;
          assigned: number;
          planned: number;
          answered: number;
          last_active: number | null;
        }
      >(
        db,
        `SELECT l.id, l.name,
            (SELECT count(*) FROM judgment_heads h WHERE h.labeller_id = l.id AND h.kind IN ('pairwise', 'ranking', 'rating')) AS judged,
            (SELECT count(*) FROM judgments j WHERE j.labeller_id = l.id) AS revisions,
            (SELECT count(*) FROM assignments a WHERE a.labeller_id = l.id) AS assigned,
            (SELECT count(*) FROM repeats r WHERE r.labeller_id = l.id) AS planned,
            (SELECT count(*) FROM repeats r JOIN repeat_judgments rj ON rj.repeat_id = r.id
              WHERE r.labeller_id = l.id AND rj.kind <> 'retract' AND ${CURRENT_REPEAT_ROW('rj')}) AS answered,
            (SELECT max(created_at) FROM judgments j INDEXED BY judgments_by_labeller_time WHERE j.labeller_id = l.id) AS last_active
           FROM labellers l ORDER BY l.name, l.id`,
      )
        .all()
        .map((m) => ({
          id: m.id,
          name: m.name,
          judged: m.judged,
          revisions: m.revisions,
          assigned: m.assigned,
          repeats: { planned: m.planned, answered: m.answered },
          lastActive: m.last_active,
        }));
      const items = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM items').get()!.n;
      return { members, gold: countGold(db), items };
    },

    'team.addMember': ({ name }) => {
      const l = ensureLabeller(db, { name });
      ctx.events.emit('db.changed', { what: 'labellers' });
      return l;
    },

    'team.assign': (input) => {
      for (const id of input.labellerIds) requireMember(id);
      try {
        const summary = assign(db, { ...input, labellers: input.labellerIds });
        ctx.events.emit('team.changed', { what: 'assignments' });
        return summary;
      } catch (e) {
        if (e instanceof AssignmentError) throw new ApiError('INVALID_INPUT', e.message);
        throw e;
      }
    },

    'team.setGold': ({ itemId, answer, hidden, note }) => {
      setGold(db, itemId, answer, { hidden, note });
      ctx.events.emit('team.changed', { what: 'gold' });
      return { itemId };
    },

    'team.exportPackage': ({ labellerId, items }) => {
      const who = requireMember(labellerId);
      const out = join(
        ctx.exportsDir,
        `${projectName()}-${fileSafe(who.name)}-package-${stamp()}.rankwise`,
      );
      const jobId = ctx.jobs.start('package', () =>
        Promise.resolve(writePackage(db, ctx.project.path, labellerId, out, { items })),
      );
      return { jobId };
    },

    'team.exportAnnotations': ({ labellerId }) => {
      const who = requireMember(labellerId);
      const out = join(
        ctx.exportsDir,
        `${projectName()}-${fileSafe(who.name)}-annotations-${stamp()}.jsonl`,
      );
      const jobId = ctx.jobs.start('annotations', async (job) => {
        // A read connection of its own: a consistent snapshot while labelling goes on.
        const reader = openProject(ctx.project.path, { readonly: true });
        try {
          return await writeAnnotations(reader.db, labellerId, out, job.signal);
        } finally {
          reader.close();
        }
      });
      return { jobId };
    },
  };
}
