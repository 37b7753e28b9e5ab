import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ItemFilter, ItemRow } from '../../../shared/api/contract';
import { DataText } from '../../markdown/DataText';
import { BROWSER_PAGE } from '../../state/browser-slice';
import { useAppStoreShallow, useStoreApi } from '../../state/store';

const FILTERS: Array<{ id: ItemFilter; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'unlabelled', label: 'Unlabelled' },
  { id: 'mine', label: 'Labelled by me' },
  { id: 'flagged', label: 'Flagged' },
  { id: 'skipped', label: 'Skipped' },
  { id: 'drafts', label: 'Drafts' },
];
const ROW_HEIGHT = 56;

/**
 * Every item of the project in queue order, filtered and searched (FTS5 over prompts and
 * responses), in a virtual list: only the rows in view exist, and only the pages they need
 * are fetched. ↑ ↓ Page Up/Down Home End move, Enter opens.
 */
export function ItemBrowser() {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({
    filter: st.browserFilter,
    query: st.browserQuery,
    total: st.browserTotal,
    pages: st.browserPages,
    error: st.browserError,
  }));
  const [text, setText] = useState(s.query);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  // Statuses change while labelling: start from fresh pages each time the browser opens.
  useEffect(() => store.getState().refreshBrowser(), [store]);
  useEffect(() => {
    if (text === store.getState().browserQuery) return;
    const t = setTimeout(() => {
      store.getState().setBrowserQuery(text);
      setActive(0);
    }, 200);
    return () => clearTimeout(t);
  }, [text, store]);

  const count = s.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  // The pages in view, and one either side, so a scroll finds its rows already there.
  useEffect(() => {
    const from = Math.max(0, Math.floor(first / BROWSER_PAGE) - 1);
    for (let p = from; p <= Math.floor(last / BROWSER_PAGE) + 1; p++)
      void store.getState().loadBrowserPage(p);
  }, [first, last, s.pages, store]);

  const rowAt = (i: number): ItemRow | undefined =>
    s.pages[Math.floor(i / BROWSER_PAGE)]?.[i % BROWSER_PAGE];
  const open = (row: ItemRow | undefined) => {
    if (!row) return;
    const st = store.getState();
    st.setView('label');
    void st.openItem(row.id);
  };
  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -count,
      End: count,
    };
    if (e.key === 'Enter') {
      e.preventDefault();
      open(rowAt(active));
    } else if (e.key in moves && count) {
      e.preventDefault();
      const next = Math.max(0, Math.min(count - 1, active + moves[e.key]!));
      setActive(next);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <main className="browser" data-testid="item-browser">
      <div className="browser-bar">
        <input
          type="search"
          placeholder="Search prompts and responses"
          aria-label="Search prompts and responses"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              listRef.current?.focus();
            }
          }}
          data-testid="browser-search"
        />
        <div className="filters" role="radiogroup" aria-label="Show">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              role="radio"
              aria-checked={s.filter === f.id}
              className={`tab${s.filter === f.id ? ' tab-active' : ''}`}
              onClick={() => {
                store.getState().setBrowserFilter(f.id);
                setActive(0);
              }}
              data-testid={`filter-${f.id}`}
            >
              {f.label}
            </button>
          ))}
        </div>
        <span className="browser-count" data-testid="browser-count" aria-live="polite">
          {s.total === null
            ? 'Counting…'
            : `${s.total.toLocaleString()} item${s.total === 1 ? '' : 's'}`}
        </span>
      </div>
      {s.error ? (
        <p role="alert" className="error">
          {s.error}
        </p>
      ) : null}
      {s.total === 0 ? (
        <EmptyBrowser
          filter={s.filter}
          query={s.query}
          onShowAll={() => {
            setText('');
            store.getState().setBrowserQuery('');
            store.getState().setBrowserFilter('all');
            setActive(0);
          }}
        />
      ) : null}
      <div
        ref={listRef}
        hidden={s.total === 0}
        className="browser-list"
        role="listbox"
        aria-label="Items"
        tabIndex={0}
        aria-activedescendant={count ? `item-row-${active}` : undefined}
        onKeyDown={onKey}
        data-own-keys
        data-testid="browser-list"
      >
        <div className="browser-space" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((v) => {
            const row = rowAt(v.index);
            return (
              <div
                key={v.key}
                id={`item-row-${v.index}`}
                role="option"
                aria-selected={v.index === active}
                className={`browser-row${v.index === active ? ' browser-row-active' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(v.index);
                  open(row);
                }}
                data-testid={row ? 'browser-row' : 'browser-row-loading'}
                data-item-id={row?.id}
              >
                {row ? <RowView row={row} /> : <span className="hint">Loading…</span>}
              </div>
            );
          })}
        </div>
      </div>
    </main>
  );
}

/** Why a filter shows nothing, for the labeller whose items these are. */
const EMPTY_FILTER: Record<ItemFilter, string> = {
  all: 'No items match.',
  unlabelled: 'Nothing left to label: every item has your judgment or a skip.',
  mine: 'You have not judged any item yet.',
  flagged: 'None of your judgments carries a flag.',
  skipped: 'You have not skipped any item.',
  drafts: 'No half-made judgments are waiting.',
};

/** What an empty list means, and what to do next. */
function EmptyBrowser(props: { filter: ItemFilter; query: string; onShowAll: () => void }) {
  const store = useStoreApi();
  const query = props.query.trim();
  if (props.filter === 'all' && query === '')
    return (
      <section className="panel empty-state" data-testid="browser-empty">
        <h3>This project has no items yet</h3>
        <p>Import a dataset (JSON Lines, JSON, CSV or Parquet) to start labelling.</p>
        <button
          type="button"
          className="primary"
          onClick={() => store.getState().setView('import')}
        >
          Go to Import
        </button>
      </section>
    );
  return (
    <section className="panel empty-state" data-testid="browser-empty">
      <p>
        {query
          ? `No ${props.filter === 'all' ? '' : `${FILTERS.find((f) => f.id === props.filter)?.label.toLowerCase()} `}items match “${query}”.`
          : EMPTY_FILTER[props.filter]}
      </p>
      <button type="button" onClick={props.onShowAll}>
        Show all items
      </button>
    </section>
  );
}

/** The labeller's own status on an item, in words (never the task kind it was judged in). */
export function statusTag(status: ItemRow['status']): string {
  if (status === null) return 'not judged by you yet';
  return status === 'skip' ? 'skipped by you' : 'judged by you';
}

const RowView = memo(function RowView({ row }: { row: ItemRow }) {
  return (
    <>
      <span className="browser-seq">#{row.seq}</span>
      <span className="browser-main">
        <DataText className="browser-id" text={row.id} />
        <DataText className="browser-preview" text={row.preview || '(empty prompt)'} />
      </span>
      <span className="browser-tags">
        {row.turns > 1 ? <span className="badge">{row.turns} turns</span> : null}
        <span className="badge">{row.responses} responses</span>
        <span
          className={`badge status-${statusTag(row.status).replace(/ /g, '-')}`}
          title="Your own answer on this item (others may have judged it)"
          data-testid="browser-status"
        >
          {statusTag(row.status)}
        </span>
        {row.flags.map((f) => (
          <DataText key={f} className="badge badge-bad" text={f} />
        ))}
        {row.hasDraft ? <span className="badge">draft</span> : null}
      </span>
    </>
  );
});
