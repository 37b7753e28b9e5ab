import { describe, expect, it } from 'vitest';
import type { ItemView } from '../../shared/api/contract';
import type { JudgeRunSummary } from '../../shared/api/methods/judges';
import { fakeClient } from '../test-support/fake-client';
import { suggestionOnScreen } from './labelling/saving';
import { createAppStore } from './store';

const summary: JudgeRunSummary = {
  judge: 'gpt-judge',
  model: 'gpt',
  templateVersion: 1,
  items: 3,
  tasks: 3,
  skipped: 0,
  verdicts: 2,
  noVerdict: 1,
  failed: 0,
  rateLimited: 0,
  attempts: 3,
  promptTokens: 300,
  completionTokens: 30,
  errors: [],
  cancelled: false,
  elapsedMs: 1200,
};

const form = {
  endpoint: ' http://127.0.0.1:9 ',
  model: 'gpt',
  name: '',
  items: { kind: 'sample', n: 2 } as const,
  bothOrders: true,
  concurrency: 2,
};

const judge = {
  name: 'gpt-judge',
  kind: 'llm' as const,
  model: 'gpt',
  templateVersion: 1,
  createdAt: 1,
  updatedAt: 2,
  verdicts: 2,
  noVerdict: 1,
  items: 3,
  promptTokens: 300,
  completionTokens: 30,
};

describe('judges slice', () => {
  it('runs a judge as a job: the key sent with the call and kept nowhere, progress followed to the summary', async () => {
    const { client, emit, inputsOf } = fakeClient({
      'judges.run': () => ({ jobId: 'j1' }),
      'jobs.get': ({ jobId }) => ({ jobId, kind: 'judge', status: 'running' }),
      'jobs.cancel': () => ({ cancelled: true }),
      'judges.list': () => ({ judges: [judge] }),
    });
    const store = createAppStore(client);
    await store.getState().runJudge(form, 'sk-secret-123');

    expect(inputsOf('judges.run')).toEqual([
      {
        endpoint: 'http://127.0.0.1:9',
        model: 'gpt',
        apiKey: 'sk-secret-123',
        name: null,
        items: { kind: 'sample', n: 2 },
        bothOrders: true,
        concurrency: 2,
      },
    ]);
    expect(JSON.stringify(store.getState())).not.toContain('sk-secret-123');
    expect(store.getState().judgeRunJob).toMatchObject({ jobId: 'j1', status: 'running' });

    emit('job.progress', { jobId: 'j1', kind: 'judge', done: 1, total: 3, unit: 'items' });
    expect(store.getState().judgeRunJob).toMatchObject({ done: 1, total: 3 });
    // Another job's progress is not this one's.
    emit('job.progress', { jobId: 'other', kind: 'judge', done: 3, total: 3, unit: 'items' });
    expect(store.getState().judgeRunJob?.done).toBe(1);

    await store.getState().cancelJudgeRun();
    expect(inputsOf('jobs.cancel')).toEqual([{ jobId: 'j1' }]);

    emit('job.finished', { jobId: 'j1', kind: 'judge', status: 'succeeded', result: summary });
    expect(store.getState().judgeRunJob).toMatchObject({ status: 'succeeded', result: summary });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().judges).toEqual([judge]);
  });

  it('sends no key when none is given, and shows a refused run in words', async () => {
    const { client, inputsOf } = fakeClient({
      'judges.test': () => {
        throw new Error('unreachable');
      },
    });
    const store = createAppStore(client);
    await store.getState().testJudge(form, '');
    expect(inputsOf('judges.test')[0]).toMatchObject({
      apiKey: null,
      endpoint: 'http://127.0.0.1:9',
    });
    expect(store.getState().judgeTest?.status).toBe('failed');

    await store.getState().runJudge(form, '');
    expect(store.getState().judgesError).toBe('not faked: judges.run');
    expect(store.getState().judgeRunJob).toBeNull();
  });

  it('keeps the suggestion of the item on screen only, and claims it on submit only when shown', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const { client } = fakeClient({
      'judges.suggestion': ({ itemId }) =>
        new Promise((r) => {
          answer = () =>
            r({
              mode: 'before',
              suggestion: {
                judge: 'gpt-judge',
                outcome: 'preferred',
                chosen: 1,
                rejected: 0,
                rationale: `about ${itemId}`,
              },
              reason: null,
            });
        }),
    });
    const store = createAppStore(client);
    store.setState({
      labeller: { id: '0190a000-0000-7000-8000-000000000001', name: 'Ada' },
      current: { id: 'q1' } as ItemView,
    });
    const loading = store.getState().loadItemSuggestion('q1');
    // The labeller moved on before the answer came: it is not shown on q2.
    store.setState({ current: { id: 'q2' } as ItemView });
    answer(null);
    await loading;
    expect(store.getState().itemSuggestion).toBeNull();

    store.setState({ current: { id: 'q1' } as ItemView });
    const again = store.getState().loadItemSuggestion('q1');
    answer(null);
    await again;
    expect(store.getState().itemSuggestion).toMatchObject({ itemId: 'q1', mode: 'before' });
    expect(suggestionOnScreen(store.getState().itemSuggestion, 'q1')).toEqual({
      judge: 'gpt-judge',
    });
    expect(suggestionOnScreen(store.getState().itemSuggestion, 'q2')).toBeNull();
    expect(
      suggestionOnScreen(
        { itemId: 'q1', mode: 'after', suggestion: null, reason: 'not-judged-yet' },
        'q1',
      ),
    ).toBeNull();
  });
});
