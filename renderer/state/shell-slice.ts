import type { AppCommand, RecoveryStatus, SalvageResult } from '../../shared/api/contract';
import type { SliceCreator } from './store';
import { isViewId } from './views';

/**
 * What the desktop shell asks of the UI (menu items, files dropped on the window), and the
 * project's open state (read-only, or why it did not open).
 */
export interface ShellSlice {
  /** Bumped by the shell's "Keyboard shortcuts" command; App opens the overlay on change. */
  shortcutsRequest: number;
  /** A one-line notice for a command the UI cannot carry out (yet). */
  shellNotice: string | null;
  recovery: RecoveryStatus | null;
  dismissShellNotice: () => void;
  loadRecovery: () => Promise<void>;
  /** Try opening again, or open read-only; then reload the session from what opened. */
  reopenProject: (how: 'retry' | 'open-read-only') => Promise<void>;
  salvageProject: () => Promise<SalvageResult>;
  runAppCommand: (command: AppCommand) => void;
}

export const createShellSlice: SliceCreator<ShellSlice> = (set, get, client) => {
  client.on('app.command', (command) => get().runAppCommand(command));
  // The project found damaged while open (the check after opening): show the recovery
  // choices now, as if it had not opened. Reads still work; writes are refused.
  client.on('recovery.changed', (status) => {
    set({ recovery: status });
    if (status.state === 'failed')
      set({ sessionStatus: 'error', sessionError: status.problem.message });
  });
  return {
    shortcutsRequest: 0,
    shellNotice: null,
    recovery: null,
    dismissShellNotice: () => set({ shellNotice: null }),

    async loadRecovery() {
      try {
        set({ recovery: await client.call('recovery.status', {}) });
      } catch {
        // An older host without recovery: nothing to show.
      }
    },

    async reopenProject(how) {
      const status = await client.call(
        how === 'retry' ? 'recovery.retry' : 'recovery.openReadOnly',
        {},
      );
      set({ recovery: status });
      if (status.state === 'open') await get().loadSession();
    },

    salvageProject: () => client.call('recovery.salvage', {}),

    runAppCommand(command) {
      switch (command.command) {
        case 'show-view':
          // A view this version does not have is reported, not guessed at.
          if (isViewId(command.view)) get().setView(command.view);
          else set({ shellNotice: `There is no “${command.view}” screen in this version.` });
          return;
        case 'open-export':
          get().setExportOpen(true);
          return;
        case 'show-shortcuts':
          set({ shortcutsRequest: get().shortcutsRequest + 1 });
          return;
        case 'import-file':
          // A data file dropped on the window (registered by the shell) or File > Import.
          get().setView('import');
          if (command.upload) void get().importChosen(command.upload);
          else void get().pickFileForImport();
          return;
      }
    },
  };
};
