// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/fake-client';
import { HelpOverlay } from '../features/shortcuts/HelpOverlay';
import { JumpDialog } from '../features/labelling/JumpDialog';
import { createAppStore, StoreContext, useAppStore, type AppStore } from '../state/store';
import { useKeyboard } from './use-keyboard';

/** The app's dialogs over an empty page, with the one keyboard listener. */
function Dialogs() {
  useKeyboard();
  const overlay = useAppStore((s) => s.overlay);
  const setOverlay = useAppStore((s) => s.setOverlay);
  return (
    <>
      <input aria-label="outside" data-testid="outside" />
      {overlay === 'jump' ? <JumpDialog onClose={() => setOverlay(null)} /> : null}
      {overlay === 'help' ? <HelpOverlay onClose={() => setOverlay(null)} /> : null}
    </>
  );
}

function setUp(): AppStore {
  const store = createAppStore(fakeClient().client);
  store.setState({ sessionStatus: 'ready', view: 'label' });
  render(
    <StoreContext.Provider value={store}>
      <Dialogs />
    </StoreContext.Provider>,
  );
  return store;
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('Esc and dialogs', () => {
  it('one Esc closes "go to item", though its box has focus, and the keys work again', async () => {
    const store = setUp();
    await userEvent.keyboard('o');
    expect(store.getState().overlay).toBe('jump');
    expect(screen.getByTestId('jump-id')).toHaveFocus();
    await userEvent.keyboard('e5');
    await userEvent.keyboard('{Escape}');
    expect(store.getState().overlay).toBeNull();
    expect(screen.queryByTestId('jump-dialog')).toBeNull();
    // A shortcut right after: the shortcuts list opens.
    await userEvent.keyboard('?');
    expect(store.getState().overlay).toBe('help');
    await userEvent.keyboard('{Escape}');
    expect(store.getState().overlay).toBeNull();
  });

  it('outside a dialog, Esc in a text box only leaves the box', async () => {
    const store = setUp();
    await userEvent.click(screen.getByTestId('outside'));
    store.setState({ view: 'items' });
    await userEvent.keyboard('{Escape}');
    expect(screen.getByTestId('outside')).not.toHaveFocus();
    expect(store.getState().view).toBe('items');
  });

  it('Alt+S still works while the shortcuts list shows its switch', async () => {
    const store = setUp();
    await userEvent.keyboard('?');
    expect(store.getState().prefs.autoSubmit).toBe(true);
    await userEvent.keyboard('{Alt>}s{/Alt}');
    expect(store.getState().prefs.autoSubmit).toBe(false);
    expect(screen.getByTestId('help-auto-submit')).not.toBeChecked();
  });
});
