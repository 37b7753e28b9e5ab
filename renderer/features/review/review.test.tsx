// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeAgreement } from '../../../shared/analysis/agreement-report';
import {
  judgmentTable,
  type AnalysisInput,
  type PairwiseRecord,
} from '../../../shared/analysis/input';
import type { AgreementReport } from '../../../shared/analysis/report';
import type { QueueRow, ReviewItem } from '../../../shared/api/contract';
import { actions, buildKeymap } from '../../keyboard/actions';
import { createAppStore, StoreContext, type AppStore } from '../../state/store';
import { fakeClient } from '../../test-support/fake-client';
import { AgreementOverview } from './AgreementOverview';
import { ItemReview } from './ItemReview';
import { labellerVerdict } from './labeller-verdict';
import { LabellerStats } from './LabellerStats';
import { ReviewScreen } from './ReviewScreen';

// jsdom has no layout: uPlot asks for media queries as it loads, and charts observe their
// size (they see no width, so they never draw). Both answered before the imports run.
vi.hoisted(() => {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }),
  });
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

afterEach(cleanup);

/** A real report, computed by the analysis from pairwise judgments (labeller, item, A won?). */
function reportOf(labellers: string[], judged: Array<[number, number, 'lo' | 'hi' | 'both_bad']>) {
  const records: PairwiseRecord[] = judged.map(([labeller, item, v], i) => ({
    kind: 'pairwise',
    item,
    labeller,
    outcome: v === 'both_bad' ? 'both_bad' : 'preferred',
    chosen: v === 'hi' ? 1 : 0,
    rejected: v === 'hi' ? 0 : 1,
    strength: null,
    criteria: null,
    leftWon: v === 'both_bad' ? null : i % 2 === 0,
    timeMs: 4000,
    createdAt: Date.UTC(2025, 2, 1) + i * 60_000,
  }));
  const items = 1 + Math.max(...judged.map(([, item]) => item));
  const input: AnalysisInput = {
    labellers: labellers.map((name, i) => ({ id: `l${i}`, name })),
    items: { count: items, seq: Int32Array.from({ length: items }, (_, k) => k + 1) },
    responses: {
      start: Int32Array.from({ length: items + 1 }, (_, k) => 2 * k),
      model: new Int32Array(2 * items).fill(-1),
      names: [],
    },
    judgments: judgmentTable(records),
    gold: new Map(),
    repeats: [],
    promptGroups: [],
    strengthLevels: 0,
    totalItems: items,
    adjudicated: 0,
  };
  return { ...computeAgreement(input).report, computeMs: 1 };
}

/** Words a person must never read on the page. */
function expectNoRawValues(text: string) {
  expect(text).not.toMatch(/undefined|null|NaN|both_bad|— pairwise|Value:|--/);
}

describe('review figures with one labeller', () => {
  const report = reportOf(
    ['Ada'],
    [
      [0, 0, 'lo'],
      [0, 1, 'hi'],
      [0, 2, 'both_bad'],
    ],
  );

  it('show a dash with the reason, and say what each figure rests on', () => {
    const { container } = render(<AgreementOverview report={report} />);
    const table = screen.getByTestId('figures-pairwise');
    const values = [...table.querySelectorAll('tbody tr')].map(
      (tr) => tr.querySelectorAll('td')[1]!.textContent,
    );
    expect(values.length).toBeGreaterThan(3);
    expect(new Set(values)).toEqual(new Set(['—']));
    expect(within(table).getByText('Based on')).toBeInTheDocument();
    expect(within(table).getAllByText('0 items').length).toBe(values.length);
    expect(screen.getByTestId('figures-missing')).toHaveTextContent(
      'needs two labellers on the same items',
    );
    expect(screen.getByTestId('kappa-heatmap')).toHaveTextContent(
      '—: needs two labellers on the same items',
    );
    expectNoRawValues(container.textContent);
  });

  it('show a dash for κ vs others and agreement, with the reason beside the table', () => {
    const { container } = render(<LabellerStats report={report} />);
    expect(screen.getByTestId('kappa-vs-others')).toHaveTextContent(/^—$/);
    expect(screen.getByTestId('consensus')).toHaveTextContent(/^—$/);
    expect(screen.getByTestId('labeller-stats-note')).toHaveTextContent(
      'needs two labellers on the same items',
    );
    expectNoRawValues(container.textContent);
  });
});

/** A review item of two responses judged by Ada (saw them in source order) and Bo (swapped). */
function itemOf(id: string, adaPicks: 0 | 1, boPicks: 0 | 1): ReviewItem {
  const judgment = (name: string, order: number[], chosen: 0 | 1) => ({
    judgmentId: `${id}-${name}`,
    labellerId: `id-${name}`,
    labellerName: name,
    revision: 1,
    verdict: {
      kind: 'pairwise' as const,
      outcome: 'preferred' as const,
      chosenIdx: chosen,
      rejectedIdx: 1 - chosen,
      strength: null,
      criteria: {},
    },
    rationale: null,
    flags: [],
    timeMs: 4000,
    createdAt: 1,
    leftWon: order[0] === chosen,
    displayedOrder: order,
  });
  return {
    item: {
      id,
      seq: 1,
      prompt: `Question ${id}`,
      metadata: null,
      responses: [
        { index: 0, model: null, content: 'alpha' },
        { index: 1, model: null, content: 'beta' },
      ],
    },
    judgments: [judgment('Ada', [0, 1], adaPicks), judgment('Bo', [1, 0], boPicks)],
    decision: null,
    history: [],
    gold: null,
    strengthLevels: 0,
  };
}

/**
 * The backend as the review screen sees it: a queue of disagreements (both_bad among the
 * verdicts), items, and decisions that close them.
 */
function reviewBackend(report: AgreementReport) {
  const ids = ['e1', 'e2', 'e3', 'e4'];
  const decided = new Map<string, string>();
  const rows = (status: string): QueueRow[] =>
    ids
      .filter((id) => status === 'all' || decided.has(id) === (status === 'adjudicated'))
      .map((id, i) => ({
        itemId: id,
        seq: i + 1,
        score: 0.5,
        spread: 0,
        judgments: 2,
        labels: { 'Response 1': 1, both_bad: 1 },
        decision: decided.get(id) ?? null,
      }));
  const { client, inputsOf } = fakeClient({
    'agreement.get': () => ({ report, stale: false, runningJobId: null }),
    'reviews.queue': ({ status, offset, limit }) => {
      const all = rows(status);
      return { total: all.length, rows: all.slice(offset, offset + limit), computedAt: 1 };
    },
    'reviews.item': ({ itemId }) => itemOf(itemId, 0, 0),
    'reviews.decide': ({ itemId }) => {
      decided.set(itemId, 'Response 1 better');
      return { id: 'r', revision: 1 };
    },
  });
  const decide = () =>
    inputsOf('reviews.decide').map(({ itemId, decision }) => ({ itemId, decision }));
  const store = createAppStore(client);
  store.setState({
    sessionStatus: 'ready',
    view: 'review',
    labeller: { id: 'lead', name: 'Lead' },
  });
  return { store, decide, decided };
}

const keymap = buildKeymap(actions);
function press(store: AppStore, key: string) {
  const action = keymap.get(key)!;
  const s = store.getState();
  if (action.enabled(s)) action.run(s);
}
const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

describe('the adjudication loop', () => {
  const report = reportOf(
    ['Ada', 'Bo'],
    [
      [0, 0, 'lo'],
      [1, 0, 'both_bad'],
    ],
  );

  it('names queue verdicts in words and explains the score', async () => {
    const { store } = reviewBackend(report);
    render(
      <StoreContext.Provider value={store}>
        <ReviewScreen />
      </StoreContext.Provider>,
    );
    await settle();
    act(() => store.getState().setReviewPane('queue'));
    const row = (await screen.findAllByTestId('queue-row'))[0]!;
    expect(row).toHaveTextContent('Response 1 better: 1 · Both bad: 1');
    expect(within(row).getByTestId('queue-score')).toHaveTextContent('50% disagree');
    expect(within(row).getByTestId('queue-score')).toHaveAttribute('title');
    expectNoRawValues(document.body.textContent);
  });

  it('decides by key, saves with Enter and opens the next open disagreement', async () => {
    const { store, decide } = reviewBackend(report);
    await store.getState().loadQueue(0);
    await act(() => store.getState().stepQueue(1)); // j: the first item
    expect(store.getState().selectedItem?.item.id).toBe('e1');
    expect(store.getState().reviewPane).toBe('queue');
    press(store, '2'); // Response 2 better
    expect(store.getState().reviewDraft.choice).toBe('hi');
    press(store, 'Enter');
    await settle();
    await settle();
    expect(decide()).toEqual([
      {
        itemId: 'e1',
        decision: {
          kind: 'pairwise',
          outcome: 'preferred',
          chosenIdx: 1,
          rejectedIdx: 0,
          strength: null,
        },
      },
    ]);
    expect(store.getState().selectedItem?.item.id).toBe('e2');
    expect(store.getState().reviewDraft.choice).toBeNull();
    // k goes back, j forward again; past the end the loop says so instead of moving.
    await act(() => store.getState().stepQueue(-1));
    expect(store.getState().selectedItem?.item.id).toBe('e1');
    for (let i = 0; i < 4; i++) await act(() => store.getState().stepQueue(1));
    expect(store.getState().selectedItem?.item.id).toBe('e4');
    expect(store.getState().reviewNotice).toMatch(/last item/);
  });

  it('skips decided items when moving on, and says when none is left', async () => {
    const { store, decided } = reviewBackend(report);
    decided.set('e2', 'Tie');
    decided.set('e3', 'Tie');
    decided.set('e4', 'Tie');
    await store.getState().loadQueue(0);
    await act(() => store.getState().selectItem('e1'));
    press(store, 't');
    press(store, 'Enter');
    await settle();
    await settle();
    expect(store.getState().selectedItem?.item.id).toBe('e1');
    expect(store.getState().reviewNotice).toMatch(/last open disagreement/);
  });

  it('keeps the labelling keys on the labelling screen', () => {
    const { store } = reviewBackend(report);
    store.setState({ view: 'label' });
    expect(keymap.get('1')!.id).toBe('pick-1');
    expect(keymap.get('1')!.enabled(store.getState())).toBe(false); // nothing to judge here
    expect(() =>
      buildKeymap([
        ...actions,
        {
          id: 'other',
          label: 'Other',
          group: 'App',
          keys: ['j'],
          view: 'review',
          enabled: () => true,
          run: () => undefined,
        },
      ]),
    ).toThrow('key "j" is bound to both "review-next" and "other"');
  });
});

describe('a labeller’s verdict', () => {
  it('is read in the letters they saw, with the response it means', () => {
    const item = itemOf('e5', 0, 1);
    const [ada, bo] = item.judgments.map(labellerVerdict);
    // Ada saw the responses in source order and picked the first: A.
    expect(ada).toMatchObject({
      said: 'A better',
      means: 'Response 1 better',
      saw: 'saw Response 1 as A, Response 2 as B',
    });
    // Bo saw them swapped and picked the second response, which was his A.
    expect(bo).toMatchObject({
      said: 'A better',
      means: 'Response 2 better',
      saw: 'saw Response 2 as A, Response 1 as B',
    });
  });

  it('shows on the item beside each labeller, and on each response', () => {
    const { store } = reviewBackend(reportOf(['Ada'], [[0, 0, 'lo']]));
    const item = itemOf('e5', 0, 1);
    store.setState({ selectedItem: item, view: 'review', reviewPane: 'queue' });
    render(
      <StoreContext.Provider value={store}>
        <ItemReview item={item} position="1 of 2 in the queue" />
      </StoreContext.Provider>,
    );
    const bo = document.querySelector('[data-labeller="Bo"]')!;
    expect(bo).toHaveTextContent('A better — Response 2 better');
    expect(bo).toHaveTextContent('saw Response 2 as A, Response 1 as B');
    expect(screen.getByTestId('review-response-2')).toHaveTextContent('Seen as Ada: B · Bo: A');
    expect(screen.getByTestId('decide-hi')).toHaveTextContent('Response 2 better');
    expectNoRawValues(document.body.textContent);
  });
});
