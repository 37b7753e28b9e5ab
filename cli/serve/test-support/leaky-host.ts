/**
 * A child process for fault-boundary.test.ts: the real HTTP host and the real job runner,
 * under the `stay-up` policy `rankwise serve` uses, serving a backend whose `project.info`
 * leaks a stream error nobody listens to (the kind of bug the boundary exists for) on its
 * first call and answers normally after. Prints its URL and token, then one JSON line per
 * job.finished event.
 */
import { createReadStream } from 'node:fs';
import { EventHub } from '../../../db/events';
import { setEscapePolicy } from '../../../db/fault-boundary';
import type { Handlers } from '../../../db/handlers/context';
import { JobRunner } from '../../../db/jobs';
import { startHttpHost } from '../http-host';

const events = new EventHub();
const jobs = new JobRunner(events);
let calls = 0;
const info = {
  path: '/nowhere/p.rankwise',
  name: 'p',
  projectId: 'leaky',
  schemaVersion: 6,
  showModelNames: false,
  counts: { items: 0, responses: 0, judgments: 0, labellers: 0 },
};
const handlers = {
  'project.info': () => {
    if (++calls > 1) return info;
    // A read stream without an 'error' listener, and an answer that never comes.
    createReadStream('/nonexistent/leaky-host/file');
    return new Promise(() => undefined);
  },
  'jobs.cancel': () => {
    // Start two jobs: one leaks and never settles, the next works.
    jobs.start('agreement', () => {
      setTimeout(() => {
        throw new Error('thrown from a timer inside a job');
      }, 5);
      return new Promise(() => undefined);
    });
    jobs.start(
      'leaderboard',
      () => new Promise((r) => setTimeout(() => r({ computedAt: 1, models: 0 }), 50)),
    );
    return { cancelled: false };
  },
} as unknown as Handlers;

events.subscribe((name, payload) => {
  if (name === 'job.finished') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
setEscapePolicy({ kind: 'stay-up', log: (line) => process.stderr.write(`${line}\n`) });
const host = await startHttpHost({
  backend: { handlers, events, jobs, uploads: null },
  rendererDir: null,
});
process.stdout.write(`${host.url} ${host.token}\n`);
