import { METHOD_ACCESS, roleAllows, type Role } from '../../shared/api/access';
import type { Draft, MethodName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';

/**
 * What a page may do on a team host, read from the access table (shared/api/access.ts): the
 * same table the host enforces, so the page shows what the person's role can use and nothing
 * that would only answer 403. `role` null: not a team host (the desktop app, the single-user
 * `rankwise serve`), one person, everything.
 */
export function mayCall(role: Role | null, method: MethodName): boolean {
  return role === null || roleAllows(role, METHOD_ACCESS[method].role);
}

/** How a person's access ended, as the page learns it. */
export type AccessEnd = {
  /** 'revoked': the lead ended it (or replaced the link); 'unknown': the host no longer knows the page's credential. */
  why: 'revoked' | 'unknown';
  /** The host's own words, when a call told us. */
  message: string | null;
};

/**
 * Whether a failed call says this page's access is over. `ACCESS_REVOKED` always; a bare
 * `UNAUTHORIZED` only on a team host (`teamHost`), where the page had a working credential
 * and lost it (elsewhere it is the single-user host's wrong token, an error like any other).
 * `FORBIDDEN` is not: the role does not allow that one call, the rest still works.
 */
export function accessEndOf(e: unknown, teamHost: boolean): AccessEnd | null {
  if (!(e instanceof ApiError)) return null;
  if (e.code === 'ACCESS_REVOKED') return { why: 'revoked', message: e.message };
  if (e.code === 'UNAUTHORIZED' && teamHost) return { why: 'unknown', message: e.message };
  return null;
}

/**
 * A half-made judgment the host would no longer take (the labeller's access ended while they
 * were making it), kept in this browser's local storage until it can be sent again.
 */
export interface KeptDraft {
  projectId: string;
  labellerId: string;
  labellerName: string;
  /** The item's id, as the item bar shows it. */
  itemId: string;
  draft: Draft;
  /** Date.now() when it was kept. */
  at: number;
}

/** A kept draft in words, for the notice ("A is better · 2 flags · a rationale of 41 characters"). */
export function describeDraft(d: Draft): string {
  const parts: string[] = [];
  const letter = (pos: number) => String.fromCharCode(65 + pos);
  if (d.pairwise?.choice) {
    const c = d.pairwise.choice;
    parts.push(
      c === 'A' ? 'A is better' : c === 'B' ? 'B is better' : c === 'tie' ? 'a tie' : 'both bad',
    );
  }
  if (d.ranking?.order.length) parts.push(`ranked ${d.ranking.order.map(letter).join(' ')}`);
  if (d.ranking?.noneAcceptable) parts.push('none acceptable');
  if (d.rating?.length) {
    const n = d.rating.reduce((sum, r) => sum + Object.keys(r.aspects).length, 0);
    parts.push(`${n} rating${n === 1 ? '' : 's'}`);
  }
  if (d.flags.length) parts.push(d.flags.join(', '));
  if (d.rationale.trim()) parts.push(`rationale: “${d.rationale.trim()}”`);
  return parts.join(' · ') || 'nothing entered yet';
}

/**
 * Which kept draft to send again when access returns: only when the host holds no newer draft
 * of the same item (one saved later, from another page, wins).
 */
export function shouldRestore(kept: KeptDraft, onHost: { updatedAt: number } | null): boolean {
  return onHost === null || onHost.updatedAt < kept.at;
}
