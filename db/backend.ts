import { basename, dirname, extname, join } from 'node:path';
import type { ItemView, MethodName, MethodOutput, MethodParsedInput } from '../shared/api/contract';
import { ApiError } from '../shared/api/errors';
import { displayOrder, isPermutation } from '../shared/domain/display-order';
import { resolvePairwise, type PairwiseChoice } from '../shared/domain/judgment';
import { EventHub } from './events';
import { exportTrl } from './export/export-trl';
import { getItem, getResponses, nextUnjudgedItemId } from './items';
import { JobRunner } from './jobs';
import { appendRevision, getHead, getJudgment, latestUndoable, progressOf } from './judgments';
import { ensureLabeller, findLabeller, findLabellerByName } from './labellers';
import { openProject, type Project } from './open';
import { getSetting, type Guidelines, type TaskSettings } from './settings';
import { stmt } from './statements';

/** The backend's handler table: one entry per contract method, or it does not compile. */
export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** Where this installation keeps who its labeller is (a file in the user's config dir). */
export interface IdentityStore {
  get(): { id: string; name: string } | null;
  set(labeller: { id: string; name: string }): void;
}

export interface BackendOptions {
  project: Project;
  host: 'electron' | 'browser' | 'in-process';
  identity: IdentityStore;
  /** A labeller fixed by the host (`rankwise serve --labeller`), overriding the installation's. */
  labeller?: { name: string; id?: string };
  /** Where exports go when the caller names no path. */
  exportsDir?: string;
}

export interface Backend {
  handlers: Handlers;
  events: EventHub;
  jobs: JobRunner;
  project: Project;
  close(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  const { project } = options;
  const { db } = project;
  const events = new EventHub();
  const jobs = new JobRunner(events);
  const exportsDir =
    options.exportsDir ?? join(dirname(project.path), `${basename(project.path, extname(project.path))}-exports`);

  let sessionLabeller = options.labeller ? ensureLabellerByName(options.labeller) : null;

  function ensureLabellerByName(l: { name: string; id?: string }) {
    if (l.id) return ensureLabeller(db, { id: l.id, name: l.name });
    return findLabellerByName(db, l.name) ?? ensureLabeller(db, { name: l.name });
  }

  function requireLabeller(id: string) {
    const l = findLabeller(db, id);
    if (!l) throw new ApiError('NOT_FOUND', `no labeller with id ${id} in this project`);
    return l;
  }

  function guidelineVersion(): number {
    return getSetting<Guidelines>(db, 'guidelines')?.version ?? 1;
  }

  function itemView(labellerId: string, itemId: string): ItemView {
    const item = getItem(db, itemId);
    if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
    const responses = getResponses(db, item.seq);
    const order = displayOrder(labellerId, item.id, responses.length);
    const showModels = getSetting<TaskSettings>(db, 'task')?.showModelNames ?? false;
    const head = getHead(db, labellerId, item.id);
    let current: ItemView['current'] = null;
    if (head && head.kind !== 'retract') {
      const j = getJudgment(db, head.judgment_id)!;
      current = { judgmentId: j.id, kind: j.kind, choice: displayedChoice(j, order), strength: j.strength };
    }
    return {
      id: item.id,
      seq: item.seq,
      prompt: item.prompt,
      metadata: item.metadata,
      responses: order.map((idx) => {
        const r = responses[idx]!;
        return { index: r.idx, model: showModels ? r.model : null, content: r.content };
      }),
      displayedOrder: order,
      current,
    };
  }

  const handlers: Handlers = {
    'project.info': () => {
      const count = (sql: string) => stmt<[], { n: number }>(db, sql).get()!.n;
      return {
        path: project.path,
        name: getSetting<string>(db, 'project.name') ?? basename(project.path),
        projectId: getSetting<string>(db, 'project.id') ?? '',
        schemaVersion: project.schemaVersion,
        showModelNames: getSetting<TaskSettings>(db, 'task')?.showModelNames ?? false,
        counts: {
          items: count('SELECT count(*) AS n FROM items WHERE archived = 0'),
          responses: count('SELECT count(*) AS n FROM responses'),
          judgments: count('SELECT count(*) AS n FROM judgments'),
          labellers: count('SELECT count(*) AS n FROM labellers'),
        },
      };
    },

    'session.get': () => {
      if (!sessionLabeller) {
        const stored = options.identity.get();
        // The installation's labeller keeps its id in every project it works on.
        if (stored) sessionLabeller = ensureLabeller(db, stored);
      }
      return { labeller: sessionLabeller, host: options.host };
    },

    'session.identify': ({ name }) => {
      const stored = options.identity.get();
      const labeller = ensureLabeller(db, stored && stored.name === name ? stored : { name });
      options.identity.set(labeller);
      sessionLabeller = labeller;
      events.emit('db.changed', { what: 'labellers' });
      return labeller;
    },

    'items.next': ({ labellerId, exclude }) => {
      requireLabeller(labellerId);
      const id = nextUnjudgedItemId(db, labellerId, exclude);
      return id === undefined ? null : itemView(labellerId, id);
    },

    'items.get': ({ labellerId, itemId }) => {
      requireLabeller(labellerId);
      return itemView(labellerId, itemId);
    },

    'judgments.submit': (input) => {
      requireLabeller(input.labellerId);
      const item = getItem(db, input.itemId);
      if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(input.itemId)}`);
      const count = getResponses(db, item.seq).length;
      if (!isPermutation(input.displayedOrder, count)) {
        throw new ApiError(
          'INVALID_INPUT',
          `displayedOrder must be a permutation of the item's ${count} response indices, got ${JSON.stringify(input.displayedOrder)}`,
        );
      }
      const { outcome, chosenIdx, rejectedIdx } = resolvePairwise(input.choice, input.displayedOrder);
      const { id, revision } = appendRevision(db, {
        itemId: item.id,
        labellerId: input.labellerId,
        kind: 'pairwise',
        outcome,
        chosenIdx,
        rejectedIdx,
        strength: input.strength,
        rationale: input.rationale,
        displayedOrder: input.displayedOrder,
        timeMs: input.timeMs,
        guidelineVersion: guidelineVersion(),
      });
      events.emit('db.changed', { what: 'judgments' });
      return { judgmentId: id, revision, progress: progressOf(db, input.labellerId) };
    },

    'judgments.undo': ({ labellerId }) => {
      requireLabeller(labellerId);
      const last = latestUndoable(db, labellerId);
      if (!last) return null;
      appendRevision(db, {
        itemId: last.itemId,
        labellerId,
        kind: 'retract',
        outcome: null,
        chosenIdx: null,
        rejectedIdx: null,
        strength: null,
        rationale: null,
        displayedOrder: last.displayedOrder,
        timeMs: 0,
        guidelineVersion: guidelineVersion(),
      });
      events.emit('db.changed', { what: 'judgments' });
      return { itemId: last.itemId, progress: progressOf(db, labellerId) };
    },

    'progress.get': ({ labellerId }) => {
      requireLabeller(labellerId);
      return progressOf(db, labellerId);
    },

    'exports.start': ({ format, out }) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const path = out ?? join(exportsDir, `${format}-${stamp}.jsonl`);
      const jobId = jobs.start('export', async (ctx) => {
        // A connection of its own: the export reads a consistent snapshot while judgments
        // keep committing on the main connection.
        const reader = openProject(project.path, { readonly: true });
        try {
          return await exportTrl(reader.db, path, {
            signal: ctx.signal,
            onProgress: (p) => ctx.progress(p.rows, p.total, 'rows'),
          });
        } finally {
          reader.close();
        }
      });
      return { jobId };
    },

    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),

    'jobs.get': ({ jobId }) => {
      const status = jobs.status(jobId);
      if (!status) throw new ApiError('NOT_FOUND', `no job with id ${jobId}`);
      return { jobId, ...status };
    },
  };

  return {
    handlers,
    events,
    jobs,
    project,
    async close() {
      jobs.cancelAll();
      await jobs.idle();
      project.close();
    },
  };
}

function displayedChoice(
  j: { kind: string; outcome: string | null; chosen_idx: number | null },
  order: readonly number[],
): PairwiseChoice | null {
  if (j.kind !== 'pairwise' || j.outcome === null) return null;
  if (j.outcome === 'tie' || j.outcome === 'both_bad') return j.outcome;
  return j.chosen_idx === order[0] ? 'A' : 'B';
}
