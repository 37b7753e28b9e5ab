import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../shared/api/contract';
import { EventHub } from './events';
import { JobRunner } from './jobs';

/** A runner with every job.finished it emits. */
function runner() {
  const events = new EventHub();
  const finished: Array<EventPayload<'job.finished'>> = [];
  events.subscribe((name, payload) => {
    if (name === 'job.finished') finished.push(payload as EventPayload<'job.finished'>);
  });
  return { jobs: new JobRunner(events), finished };
}

const labeller = { id: 'L1', name: 'Ada' };

describe('the job runner and the job table', () => {
  it('tells a job’s kind while it runs and when it ends, with the result its kind promises', async () => {
    const { jobs, finished } = runner();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const jobId = jobs.start('annotations', async () => {
      await gate;
      return { path: '/out/a.jsonl', labeller, revisions: 3, repeatAnswers: 1 };
    });
    expect(jobs.status(jobId)).toEqual({ jobId, kind: 'annotations', status: 'running' });
    release();
    await jobs.idle();
    const end = {
      jobId,
      kind: 'annotations',
      status: 'succeeded',
      result: { path: '/out/a.jsonl', labeller, revisions: 3, repeatAnswers: 1 },
    };
    expect(jobs.status(jobId)).toEqual(end);
    expect(finished).toEqual([end]);
  });

  it('fails a job whose result breaks its kind’s contract as INTERNAL, rather than pass it on', async () => {
    const { jobs, finished } = runner();
    // A merge job must finish with {files}: the compiler refuses anything else…
    // @ts-expect-error: the result of another kind
    const jobId = jobs.start('merge', () => Promise.resolve({ path: '/out/x.rankwise' }));
    await jobs.idle();
    // …and the runner refuses what slips past it (a cast, an `any` from a parser).
    const status = jobs.status(jobId);
    expect(status).toMatchObject({
      jobId,
      kind: 'merge',
      status: 'failed',
      error: { code: 'INTERNAL' },
    });
    expect(status?.status === 'failed' && status.error.message).toMatch(
      /^a merge job returned a result outside its contract: .*files/s,
    );
    expect(finished).toEqual([status]);
  });

  it('passes on only what the contract describes', async () => {
    const { jobs } = runner();
    const jobId = jobs.start('leaderboard', () =>
      Promise.resolve({ computedAt: 5, models: 2, internal: 'not for the wire' }),
    );
    await jobs.idle();
    expect(jobs.status(jobId)).toEqual({
      jobId,
      kind: 'leaderboard',
      status: 'succeeded',
      result: { computedAt: 5, models: 2 },
    });
  });
});
