import type { ItemFilter, ItemRow } from '../../shared/api/contract';
import type { SliceCreator } from './store';

export const BROWSER_PAGE = 100;

export interface BrowserSlice {
  browserFilter: ItemFilter;
  browserQuery: string;
  /** Items matching the filter and search; null until counted. */
  browserTotal: number | null;
  /** Loaded pages of rows, by page number: the browser never holds the whole table. */
  browserPages: Record<number, ItemRow[]>;
  browserError: string | null;
  setBrowserFilter: (filter: ItemFilter) => void;
  setBrowserQuery: (query: string) => void;
  loadBrowserPage: (page: number) => Promise<void>;
  refreshBrowser: () => void;
}

export const createBrowserSlice: SliceCreator<BrowserSlice> = (set, get, client) => {
  // A filter or search change makes every page in flight stale: their answers are dropped.
  let generation = 0;
  let loading = new Set<number>();

  const reset = () => {
    generation++;
    loading = new Set();
    set({ browserPages: {}, browserTotal: null, browserError: null });
    void get().loadBrowserPage(0);
  };

  client.on('db.changed', ({ what }) => {
    if ((what === 'items' || what === 'judgments') && get().view === 'items') reset();
  });

  return {
    browserFilter: 'all',
    browserQuery: '',
    browserTotal: null,
    browserPages: {},
    browserError: null,

    setBrowserFilter(filter) {
      set({ browserFilter: filter });
      reset();
    },
    setBrowserQuery(query) {
      set({ browserQuery: query });
      reset();
    },
    refreshBrowser: reset,

    async loadBrowserPage(page) {
      const s = get();
      if (!s.labeller || s.browserPages[page] || loading.has(page)) return;
      if (s.browserTotal !== null && page * BROWSER_PAGE >= s.browserTotal) return;
      const gen = generation;
      loading.add(page);
      try {
        const { rows, total } = await client.call('items.list', {
          labellerId: s.labeller.id,
          filter: s.browserFilter,
          query: s.browserQuery,
          offset: page * BROWSER_PAGE,
          limit: BROWSER_PAGE,
          withTotal: s.browserTotal === null,
        });
        if (gen !== generation) return;
        set({
          browserPages: { ...get().browserPages, [page]: rows },
          ...(total !== null ? { browserTotal: total } : {}),
        });
      } catch (e) {
        if (gen === generation) set({ browserError: (e as Error).message });
      } finally {
        if (gen === generation) loading.delete(page);
      }
    },
  };
};
