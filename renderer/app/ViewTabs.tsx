import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { viewAllowed, type ViewId } from '../state/views';
import { useAppStoreShallow } from '../state/store';
import { views as allViews, type ViewEntry } from './views';

/** The current tab, kept in view while the tabs still scroll a little (see useTabsFit). */
function revealTab(el: HTMLButtonElement | null) {
  el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/**
 * Whether the tabs fit beside the rest of the top bar. Measured, not guessed from a
 * breakpoint: what fits depends on the text size, the project's and the labeller's names.
 * With the tabs shown, an overflow of the tab strip gives the window width they need; below
 * it the menu is shown instead, and the tabs come back once the window is that wide again.
 * A change of what the bar holds measures again (before paint, so nothing flickers).
 */
function useTabsFit(nav: RefObject<HTMLElement | null>, content: readonly unknown[]): boolean {
  const [needed, setNeeded] = useState<number | null>(null);
  const [width, setWidth] = useState(() => document.documentElement.clientWidth);
  useEffect(() => {
    const onResize = () => setWidth(document.documentElement.clientWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useLayoutEffect(() => setNeeded(null), content);
  const fits = needed === null || width >= needed;
  useLayoutEffect(() => {
    const el = nav.current;
    if (!fits || !el) return;
    // The strip shrinks (and would scroll) when the bar runs out of room: by a window resize,
    // or by the bar's other contents growing (progress, names arriving).
    const check = () => {
      const over = el.scrollWidth - el.clientWidth;
      if (over > 1) setNeeded(document.documentElement.clientWidth + over);
    };
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(check);
    watch.observe(el);
    return () => watch.disconnect();
  }, [fits, nav]);
  return fits;
}

/**
 * One tab per view in the top bar, shown once there is more than one screen; in a window too
 * narrow for them, a menu button (named after the current view) that lists every view.
 */
export function ViewTabs() {
  const s = useAppStoreShallow((st) => ({
    view: st.view,
    setView: st.setView,
    fontSize: st.prefs.fontSize,
    project: st.project?.name,
    labeller: st.labeller?.name,
    role: st.access?.role ?? null,
  }));
  const nav = useRef<HTMLElement>(null);
  // On a team host, only the views this person's role can use.
  const views = allViews.filter((v) => viewAllowed(v.id, s.role));
  const fits = useTabsFit(nav, [s.fontSize, s.project, s.labeller, s.role]);
  if (views.length < 2) return null;
  if (!fits) return <ViewMenu views={views} view={s.view} setView={s.setView} />;
  return (
    <nav className="tabs" aria-label="Screens" ref={nav}>
      {views.map((v) => (
        <button
          key={v.id}
          type="button"
          className={v.id === s.view ? 'tab tab-active' : 'tab'}
          aria-current={v.id === s.view ? 'page' : undefined}
          onClick={() => s.setView(v.id)}
          data-testid={`tab-${v.id}`}
          ref={v.id === s.view ? revealTab : undefined}
        >
          {v.title}
        </button>
      ))}
    </nav>
  );
}

/**
 * The views as a menu: a button that opens a list of them. The list takes the keys while it is
 * open (↑ ↓ Home End move, Enter or Space opens a view, Esc or Tab closes it), and a click
 * outside closes it. Each entry keeps its tab's test id.
 */
function ViewMenu({
  views,
  view,
  setView,
}: {
  views: readonly ViewEntry[];
  view: ViewId;
  setView: (v: ViewId) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const current = views.find((v) => v.id === view) ?? views[0]!;

  const items = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Opened: focus the current view's entry, as a menu does.
  useEffect(() => {
    if (open) (items().find((el) => el.getAttribute('aria-current')) ?? items()[0])?.focus();
  }, [open]);
  // A click anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  // Another way to another view (a key, a link) closes it too.
  useEffect(() => setOpen(false), [view]);

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return setOpen(false);
    else if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(all.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="nav-menu" ref={box}>
      <button
        ref={button}
        type="button"
        className="nav-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'nav-menu-list' : undefined}
        aria-label={`Screens (now: ${current.title})`}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            close(true);
          }
        }}
        data-testid="nav-menu"
      >
        <span aria-hidden="true" className="nav-menu-icon">
          ☰
        </span>
        {current.title}
      </button>
      {open ? (
        <ul
          ref={list}
          id="nav-menu-list"
          role="menu"
          aria-label="Screens"
          className="nav-menu-list"
          data-own-keys
          onKeyDown={onListKey}
        >
          {views.map((v) => (
            <li key={v.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={v.id === view ? 'tab tab-active' : 'tab'}
                aria-current={v.id === view ? 'page' : undefined}
                onClick={() => {
                  setView(v.id);
                  close(true);
                }}
                data-testid={`tab-${v.id}`}
              >
                {v.title}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
