// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../../test-support/fake-client';
import type { ItemView } from '../../../shared/api/contract';
import { TaskSettingsSchema } from '../../../shared/domain/task';
import { createAppStore, StoreContext, type AppStore } from '../../state/store';
import { HelpOverlay } from './HelpOverlay';

/** A store on the labelling screen with one item of `responses` under `task`; no backend. */
function storeWith(task: Record<string, unknown>, responses = 2): AppStore {
  const store = createAppStore(fakeClient().client);
  const current: ItemView = {
    id: 'i1',
    seq: 1,
    prompt: 'p',
    metadata: null,
    responses: Array.from({ length: responses }, (_, i) => ({
      index: i,
      model: null,
      content: `r${i}`,
    })),
    displayedOrder: Array.from({ length: responses }, (_, i) => i),
    current: null,
  };
  store.setState({
    sessionStatus: 'ready',
    view: 'label',
    labeller: { id: 'L', name: 'Ada' },
    task: TaskSettingsSchema.parse(task),
    current,
  });
  return store;
}

function show(store: AppStore) {
  render(
    <StoreContext.Provider value={store}>
      <HelpOverlay onClose={() => undefined} />
    </StoreContext.Provider>,
  );
  return screen.getByTestId('help-overlay');
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the shortcuts list', () => {
  it('in a binary pairwise task lists no ranking, rating, strength or unused flag keys', () => {
    const help = show(storeWith({ flags: ['unsafe', 'pii'] }));
    const text = help.textContent;
    for (const absent of [
      'None acceptable',
      'Thumbs',
      'Rank',
      'Rate',
      'Strength',
      'Response 3',
      'Flag: 3',
      'Previous question',
      'Earlier turns',
    ])
      expect(text, absent).not.toContain(absent);
    expect(screen.queryByTestId('help-group-Ranking')).toBeNull();
    expect(screen.queryByTestId('help-group-Rating')).toBeNull();
    // What does apply is there, with both its keys on one row.
    const judge = within(screen.getByTestId('help-group-Judge'));
    const a = judge.getByText('A is better').closest('tr')!;
    expect([...a.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['1', '←']);
    expect(judge.getAllByText('A is better')).toHaveLength(1);
    expect(text).toContain('Flag: pii');
    expect(text).toContain('Both bad');
  });

  it('lists what the project’s settings add: strength keys, criteria rows, ranking and rating keys', () => {
    const strength = show(storeWith({ pairwise: { strengthLevels: 2 }, criteria: ['honest'] }));
    expect(strength.textContent).toContain('Strength: slightly better');
    expect(strength.textContent).not.toContain('Strength: better');
    expect(strength.textContent).toContain('Previous question');
    cleanup();

    const ranking = show(storeWith({ mode: 'ranking' }, 3));
    expect(within(screen.getByTestId('help-group-Judge')).getByText('Rank C next')).toBeTruthy();
    expect(ranking.textContent).not.toContain('Rank D next');
    expect(ranking.textContent).toContain('None acceptable');
    expect(ranking.textContent).not.toContain('Both bad');
    cleanup();

    const rating = show(
      storeWith({ mode: 'rating', rating: { aspects: [{ name: 'q', min: 1, max: 3 }] } }),
    );
    expect(rating.textContent).toContain('Rate 3');
    expect(rating.textContent).not.toContain('Rate 4');
    expect(rating.textContent).not.toContain('Thumbs');
  });

  it('shows the "submit as soon as complete" switch, which runs the same action as Alt+S', async () => {
    const store = storeWith({});
    show(store);
    const toggle = screen.getByTestId('help-auto-submit');
    expect(toggle).toBeChecked();
    await userEvent.click(toggle);
    expect(store.getState().prefs.autoSubmit).toBe(false);
    expect(toggle).not.toBeChecked();
  });
});
