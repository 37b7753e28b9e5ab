import type { Role } from '../../shared/api/access';
import type { MethodName } from '../../shared/api/contract';
import { mayCall, shouldRestore, type AccessEnd, type KeptDraft } from '../model/access';
import { forgetKeptDraft, keepDraft, keptDrafts } from './kept-drafts';
import type { SliceCreator } from './store';

/**
 * Who this page is on a team host (`rankwise serve --team`): the person's role and the host's
 * warnings for a lead, from `session.get`; and the end of their access. Outside a team host
 * `access` stays null and nothing here changes anything.
 */
export interface AccessSlice {
  /** On a team host: the role, and what the host warns a lead about. Null elsewhere. */
  access: { role: Role; warnings: string[] } | null;
  /** This page's access ended (revoked, or its link replaced): the page shows only that, and what it kept. */
  accessEnded: (AccessEnd & { kept: KeptDraft | null }) | null;
  /** Whether this page may call the method (always, outside a team host). */
  mayCall: (method: MethodName) => boolean;
  /**
   * The host said this page's access is over (the `access.revoked` event, or a call answered
   * ACCESS_REVOKED): keep the judgment on screen, half-made or complete, in local storage
   * (kept-drafts.ts), and show the notice. Once; later refusals change nothing.
   */
  endAccess: (end: AccessEnd) => void;
  /** Send the drafts kept when access last ended, now that the host takes this person's work again. */
  restoreKeptDrafts: () => Promise<void>;
}

export const createAccessSlice: SliceCreator<AccessSlice> = (set, get, client) => {
  client.on('access.revoked', ({ labellerId }) => {
    if (labellerId === get().labeller?.id) get().endAccess({ why: 'revoked', message: null });
  });
  return {
    access: null,
    accessEnded: null,
    mayCall: (method) => mayCall(get().access?.role ?? null, method),

    endAccess(end) {
      if (get().accessEnded) return;
      const { current, labeller, project } = get();
      const draft = get().draftNow();
      let kept: KeptDraft | null = null;
      if (current && labeller && project && draft) {
        kept = {
          projectId: project.projectId,
          labellerId: labeller.id,
          labellerName: labeller.name,
          itemId: current.id,
          draft,
          at: Date.now(),
        };
        keepDraft(kept);
      }
      get().stopDraftSaves();
      set({ accessEnded: { ...end, kept }, overlay: null, exportOpen: false });
    },

    async restoreKeptDrafts() {
      const { labeller, project } = get();
      if (!labeller || !project) return;
      for (const kept of keptDrafts(project.projectId, labeller.id)) {
        try {
          const onHost = await client.call('drafts.get', {
            labellerId: labeller.id,
            itemId: kept.itemId,
          });
          if (shouldRestore(kept, onHost))
            await client.call('drafts.save', {
              labellerId: labeller.id,
              itemId: kept.itemId,
              draft: kept.draft,
            });
          forgetKeptDraft(project.projectId, labeller.id, kept.itemId);
        } catch {
          // Not taken yet (still no access, the item gone): kept for the next time.
        }
      }
    },
  };
};
