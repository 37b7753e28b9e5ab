import { describe, expect, it, vi } from 'vitest';
import type { JobOutcome, MethodOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { fakeClient } from '../test-support/fake-client';
import { watchJob } from './watch-job';

const labeller = { id: 'L1', name: 'Ada' };
const annotations = { path: '/out/ada.jsonl', labeller, revisions: 4, repeatAnswers: 0 };
const running = (jobId: string): MethodOutput<'jobs.get'> => ({
  jobId,
  kind: 'annotations',
  status: 'running',
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('watchJob', () => {
  it('follows its job’s progress and end through events, once, and nothing of other jobs', async () => {
    const fake = fakeClient({ 'jobs.get': ({ jobId }) => running(jobId) });
    const progress = vi.fn();
    const ends: Array<JobOutcome<'annotations'>> = [];
    watchJob(fake.client, 'j1', 'annotations', {
      onProgress: progress,
      onEnd: (end) => ends.push(end),
    });
    await settle();
    const step = { kind: 'annotations', done: 2, total: 4, unit: 'items' } as const;
    fake.emit('job.progress', { jobId: 'other', ...step });
    fake.emit('job.progress', { jobId: 'j1', ...step });
    fake.emit('job.finished', { jobId: 'other', kind: 'annotations', status: 'cancelled' });
    expect(progress).toHaveBeenCalledTimes(1);
    expect(ends).toEqual([]);
    const done = { kind: 'annotations', status: 'succeeded', result: annotations } as const;
    fake.emit('job.finished', { jobId: 'j1', ...done });
    fake.emit('job.finished', { jobId: 'j1', ...done });
    fake.emit('job.progress', { jobId: 'j1', ...step });
    expect(ends).toEqual([{ status: 'succeeded', result: annotations }]);
    expect(progress).toHaveBeenCalledTimes(1);
    // Typed by kind: no cast between the event and the result.
    const end = ends[0]!;
    expect(end.status === 'succeeded' && end.result.path).toBe('/out/ada.jsonl');
  });

  it('catches a job that ended before it was watched, by asking jobs.get once', async () => {
    const fake = fakeClient({
      'jobs.get': ({ jobId }) => ({
        jobId,
        kind: 'annotations',
        status: 'succeeded',
        result: annotations,
      }),
    });
    const onEnd = vi.fn();
    watchJob(fake.client, 'j1', 'annotations', { onEnd });
    await settle();
    expect(onEnd).toHaveBeenCalledWith({ status: 'succeeded', result: annotations });
    // The event arriving late changes nothing.
    fake.emit('job.finished', { jobId: 'j1', kind: 'annotations', status: 'cancelled' });
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(fake.inputsOf('jobs.get')).toEqual([{ jobId: 'j1' }]);
  });

  it('ends as failed when the backend knows no such job, or it is of another kind', async () => {
    const gone = fakeClient({
      'jobs.get': ({ jobId }) => {
        throw new ApiError('NOT_FOUND', `no job with id ${jobId}`);
      },
    });
    const onEnd = vi.fn();
    watchJob(gone.client, 'j1', 'annotations', { onEnd });
    await settle();
    expect(onEnd).toHaveBeenCalledWith({
      status: 'failed',
      error: { code: 'NOT_FOUND', message: 'no job with id j1' },
    });

    const other = fakeClient({
      'jobs.get': ({ jobId }) => ({
        jobId,
        kind: 'merge',
        status: 'succeeded',
        result: { files: [] },
      }),
    });
    const wrong = vi.fn();
    watchJob(other.client, 'j2', 'annotations', { onEnd: wrong });
    await settle();
    expect(wrong).toHaveBeenCalledWith({
      status: 'failed',
      error: { code: 'INTERNAL', message: 'job j2 is a merge job, not annotations' },
    });
  });

  it('stops when asked: nothing more is reported', async () => {
    const fake = fakeClient({ 'jobs.get': ({ jobId }) => running(jobId) });
    const onEnd = vi.fn();
    const stop = watchJob(fake.client, 'j1', 'annotations', { onEnd });
    stop();
    fake.emit('job.finished', { jobId: 'j1', kind: 'annotations', status: 'cancelled' });
    await settle();
    expect(onEnd).not.toHaveBeenCalled();
  });
});
