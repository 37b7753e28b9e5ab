import { getItem, getResponses } from '../../db/items';
import { allHeads, getJudgment, verdictOf, type JudgmentRow } from '../../db/judgments';
import { openProject } from '../../db/open';
import { getTask, updateGuidelines, updateTask } from '../../db/settings';
import type { TaskSettings } from '../../shared/domain/task';

/**
 * The project file behind a served UI, read and prepared through db/ (never by hand-written
 * SQL in a spec): what the screen claims to have saved is checked where it was saved.
 */
export function configureTask(
  path: string,
  patch: (task: Omit<TaskSettings, 'version'>) => Omit<TaskSettings, 'version'>,
  guidelines?: string,
): void {
  const p = openProject(path);
  try {
    const { version: _v, ...task } = getTask(p.db);
    updateTask(p.db, patch(task));
    if (guidelines !== undefined) updateGuidelines(p.db, guidelines);
  } finally {
    p.close();
  }
}

export interface StoredJudgment extends JudgmentRow {
  verdict: ReturnType<typeof verdictOf>;
}

/** Each item's current judgment (its head revision) for every labeller, by item id. */
export function currentJudgments(path: string): Map<string, StoredJudgment> {
  const p = openProject(path, { readonly: true });
  try {
    const out = new Map<string, StoredJudgment>();
    for (const h of allHeads(p.db)) {
      const row = getJudgment(p.db, h.judgmentId)!;
      out.set(h.itemId, { ...row, verdict: verdictOf(row) });
    }
    return out;
  } finally {
    p.close();
  }
}

/** An item's responses' contents, in source order (response index → text). */
export function responseTexts(path: string, itemId: string): string[] {
  const p = openProject(path, { readonly: true });
  try {
    const item = getItem(p.db, itemId);
    return item ? getResponses(p.db, item.seq).map((r) => r.content) : [];
  } finally {
    p.close();
  }
}
