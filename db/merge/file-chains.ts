import { chainOrder } from '../../shared/formats/annotations';
import type { ProblemList } from './refusal';
import type { IncomingRevision } from './sources';

/**
 * Two (or more) judgments of one item by one labeller in one file: revisions that the file
 * itself says are not one line of succession.
 */
export interface TwoJudgments {
  itemId: string;
  labellerId: string;
  /** The lines of the revisions involved (0 for a project file), in chain order (time, then id). */
  lines: number[];
  ids: string[];
}

/**
 * Read the chains a source states for itself. A writer numbers one labeller's revisions of an
 * item 1, 2, … with each superseding the one before, so within one file two revisions of the
 * same (labeller, item) that carry the same `revision` number, or supersede the same revision,
 * are two judgments that never saw each other: made on two machines, or in two copies of a
 * package, and put in one file. That is not wrong — both are kept and chained by time, like
 * revisions from two files — but only the later one stays current, so it is reported.
 *
 * What is genuinely inconsistent is refused (added to `problems`): a revision that supersedes
 * itself, one the file holds for another item, labeller or as a repeat answer, or revisions
 * that supersede each other in a circle.
 *
 * The file's own `revision` and `supersedes` are read only here; the merge derives the chains
 * again (chains.ts), so they never decide what is stored.
 */
export function readFileChains(
  revisions: readonly IncomingRevision[],
  problems: ProblemList,
): TwoJudgments[] {
  const byId = new Map<string, IncomingRevision>();
  for (const r of revisions) if (!byId.has(r.id)) byId.set(r.id, r);
  const groups = new Map<string, IncomingRevision[]>();
  for (const r of byId.values()) {
    if (r.repeatId !== null) continue;
    if (r.supersedes !== null) {
      const before = byId.get(r.supersedes);
      if (r.supersedes === r.id)
        problems.add({ line: r.line || null, reason: `revision ${r.id} supersedes itself` });
      else if (
        before &&
        (before.itemId !== r.itemId ||
          before.labellerId !== r.labellerId ||
          before.repeatId !== null)
      )
        problems.add({
          line: r.line || null,
          reason: `supersedes ${r.supersedes}${before.line ? ` (line ${before.line})` : ''}, which is ${before.repeatId !== null ? 'a repeat answer' : before.itemId !== r.itemId ? `a judgment of item "${before.itemId}", not "${r.itemId}"` : `a judgment by labeller ${before.labellerId}`}`,
        });
    }
    const key = `${r.labellerId}\u0000${r.itemId}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const found: TwoJudgments[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    findCycle(group, problems);
    const involved = new Set<IncomingRevision>();
    const sharing = (of: (r: IncomingRevision) => string | number | null) => {
      const seen = new Map<string | number, IncomingRevision>();
      for (const r of group) {
        const k = of(r);
        if (k === null) continue;
        const other = seen.get(k);
        if (other) involved.add(other).add(r);
        else seen.set(k, r);
      }
    };
    sharing((r) => r.revision);
    sharing((r) => r.supersedes);
    if (involved.size === 0) continue;
    const sorted = [...involved].sort(chainOrder);
    found.push({
      itemId: group[0]!.itemId,
      labellerId: group[0]!.labellerId,
      lines: sorted.map((r) => r.line),
      ids: sorted.map((r) => r.id),
    });
  }
  return found;
}

/** Revisions of one (labeller, item) whose `supersedes` lead round in a circle. */
function findCycle(group: readonly IncomingRevision[], problems: ProblemList): void {
  const inGroup = new Map(group.map((r) => [r.id, r]));
  // Each revision supersedes at most one other, so one walk per revision, each visited once.
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of group) {
    const path: IncomingRevision[] = [];
    let r: IncomingRevision | undefined = start;
    while (r && !state.has(r.id)) {
      state.set(r.id, 'walking');
      path.push(r);
      r = r.supersedes !== null && r.supersedes !== r.id ? inGroup.get(r.supersedes) : undefined;
    }
    if (r && state.get(r.id) === 'walking') {
      const circle = path.slice(path.indexOf(r));
      problems.add({
        line: r.line || null,
        reason: `revisions of item "${r.itemId}" supersede each other in a circle (${circle.map((c) => (c.line ? `line ${c.line}` : c.id)).join(' → ')})`,
      });
    }
    for (const p of path) state.set(p.id, 'done');
  }
}
