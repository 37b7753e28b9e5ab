import { describeDraft } from '../../model/access';
import { keptDraftsKey } from '../../state/kept-drafts';
import { useAppStoreShallow } from '../../state/store';

/**
 * The whole page once this person's access to a team host ended (the lead revoked it, or
 * their link was replaced): nothing else is shown or reachable, since every call would be
 * refused. What they were judging is kept in this browser and said here; it goes back to the
 * host as a draft when they open the project again with a working link.
 */
export function AccessEndedScreen() {
  const s = useAppStoreShallow((st) => ({ ended: st.accessEnded, name: st.labeller?.name }));
  if (!s.ended) return null;
  const { why, message, kept } = s.ended;
  return (
    <main className="access-ended" role="alert" data-testid="access-ended" data-why={why}>
      <div className="panel">
        <h2>{why === 'revoked' ? 'Your access was revoked' : 'This link no longer works'}</h2>
        <p>
          {message ??
            `The lead ended ${s.name ? `${s.name}’s` : 'your'} access to this project. Nothing you submitted is lost.`}
        </p>
        {kept ? (
          <div data-testid="kept-draft" data-item={kept.itemId}>
            <p>
              Your unfinished judgment of item <code>{kept.itemId}</code> is kept in this browser:{' '}
              <span data-testid="kept-draft-summary">{describeDraft(kept.draft)}</span>.
            </p>
            <p className="hint">
              If your access returns (ask the lead for a new link) and you open it in this browser,
              it is restored as your draft of that item. It is stored under{' '}
              <code>{keptDraftsKey(kept.projectId)}</code> in this site’s local storage.
            </p>
          </div>
        ) : (
          <p className="hint">You had no unfinished judgment on screen.</p>
        )}
        <p className="hint">Ask the lead if this is a mistake.</p>
      </div>
    </main>
  );
}
