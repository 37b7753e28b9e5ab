import type { SubmitJudgment } from '../../../shared/api/contract';
import { readLocal, writeLocal } from '../local-store';

/**
 * Judgments sent but not yet acknowledged, kept on this machine until the backend confirms
 * them: a judgment whose save fails stays on screen and is retried, and if the app is closed
 * meanwhile it is sent again on the next start. One entry per (labeller, item): the latest.
 */
const key = (projectId: string) => `rankwise.outbox.${projectId}`;

export function outboxEntries(projectId: string, labellerId: string): SubmitJudgment[] {
  return readLocal<SubmitJudgment[]>(key(projectId), []).filter((s) => s.labellerId === labellerId);
}

export function outboxPut(projectId: string, s: SubmitJudgment): void {
  const rest = readLocal<SubmitJudgment[]>(key(projectId), []).filter(
    (x) => !(x.labellerId === s.labellerId && x.itemId === s.itemId),
  );
  writeLocal(key(projectId), [...rest, s]);
}

export function outboxRemove(projectId: string, labellerId: string, itemId: string): void {
  const all = readLocal<SubmitJudgment[]>(key(projectId), []);
  const rest = all.filter((x) => !(x.labellerId === labellerId && x.itemId === itemId));
  writeLocal(key(projectId), rest.length ? rest : undefined);
}
