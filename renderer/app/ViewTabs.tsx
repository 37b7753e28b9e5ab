import { useAppStoreShallow } from '../state/store';
import { views } from './views';

/** In a narrow window the tabs scroll sideways; the current one is kept in view. */
function revealTab(el: HTMLButtonElement | null) {
  el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** One tab per view in the top bar, shown once there is more than one screen. */
export function ViewTabs() {
  const { view, setView } = useAppStoreShallow((s) => ({ view: s.view, setView: s.setView }));
  if (views.length < 2) return null;
  return (
    <nav className="tabs" aria-label="Screens">
      {views.map((v) => (
        <button
          key={v.id}
          type="button"
          className={v.id === view ? 'tab tab-active' : 'tab'}
          aria-current={v.id === view ? 'page' : undefined}
          onClick={() => setView(v.id)}
          data-testid={`tab-${v.id}`}
          ref={v.id === view ? revealTab : undefined}
        >
          {v.title}
        </button>
      ))}
    </nav>
  );
}
