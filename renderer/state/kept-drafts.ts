import type { KeptDraft } from '../model/access';
import { readLocal, writeLocal } from './local-store';

/**
 * Half-made judgments kept on this machine because the host stopped taking this person's work
 * (their access was revoked mid-judgment). The host refuses `drafts.save` then, so they live
 * in local storage under `rankwise.kept-drafts.<projectId>`, one per (labeller, item), until
 * the same person opens the project again with a working link: then they are sent as drafts
 * (`restoreKeptDrafts`) and the item opens with them, as any draft does.
 */
export const keptDraftsKey = (projectId: string) => `rankwise.kept-drafts.${projectId}`;

export function keptDrafts(projectId: string, labellerId: string): KeptDraft[] {
  return readLocal<KeptDraft[]>(keptDraftsKey(projectId), []).filter(
    (k) => k.labellerId === labellerId,
  );
}

export function keepDraft(kept: KeptDraft): void {
  const rest = readLocal<KeptDraft[]>(keptDraftsKey(kept.projectId), []).filter(
    (k) => !(k.labellerId === kept.labellerId && k.itemId === kept.itemId),
  );
  writeLocal(keptDraftsKey(kept.projectId), [...rest, kept]);
}

export function forgetKeptDraft(projectId: string, labellerId: string, itemId: string): void {
  const rest = readLocal<KeptDraft[]>(keptDraftsKey(projectId), []).filter(
    (k) => !(k.labellerId === labellerId && k.itemId === itemId),
  );
  writeLocal(keptDraftsKey(projectId), rest.length ? rest : undefined);
}
