/**
 * A ranking under construction, as a flat list with tie links: `order` holds display
 * positions best first, and `tiedWithPrev[i]` says order[i] shares a place with order[i-1].
 * A flat list is what both ways of ranking edit naturally: keys append to it, a drag moves
 * one entry. Tiers (the judgment model's shape) are derived from it, never stored twice.
 */
export interface RankingState {
  order: number[];
  tiedWithPrev: boolean[];
  noneAcceptable: boolean;
}

export const emptyRanking = (): RankingState => ({
  order: [],
  tiedWithPrev: [],
  noneAcceptable: false,
});

/**
 * Put a response in the next place (or in the last place, tied, when `tied`). A response
 * already placed moves: pressing its key again is how a labeller corrects a slip.
 */
export function place(r: RankingState, position: number, tied = false): RankingState {
  const without = remove(r, r.order.indexOf(position));
  const canTie = tied && without.order.length > 0;
  return {
    ...without,
    order: [...without.order, position],
    tiedWithPrev: [...without.tiedWithPrev, canTie],
  };
}

/** Take back the most recent placement. */
export function unplaceLast(r: RankingState): RankingState {
  return remove(r, r.order.length - 1);
}

/** Remove the entry at `index`, keeping the rest of its tier together. */
export function remove(r: RankingState, index: number): RankingState {
  if (index < 0 || index >= r.order.length) return r;
  const order = r.order.filter((_, i) => i !== index);
  const tiedWithPrev = r.tiedWithPrev.filter((_, i) => i !== index);
  // The entry after the removed one was tied to it: it now ties to whatever came before,
  // which is only right if the removed one was itself tied to that.
  if (index < tiedWithPrev.length && r.tiedWithPrev[index + 1])
    tiedWithPrev[index] = index > 0 && (r.tiedWithPrev[index] ?? false);
  if (tiedWithPrev.length) tiedWithPrev[0] = false;
  return { ...r, order, tiedWithPrev };
}

/**
 * Move the entry at `from` to `to` (indices in the list after the move, as drag-and-drop
 * libraries report them). Dropped inside a tied group it joins the group; dropped between
 * places it gets a place of its own.
 */
export function move(r: RankingState, from: number, to: number): RankingState {
  if (from === to || from < 0 || from >= r.order.length) return r;
  const position = r.order[from]!;
  const rest = remove(r, from);
  const at = Math.max(0, Math.min(to, rest.order.length));
  const joinsTier = at > 0 && at < rest.order.length && rest.tiedWithPrev[at] === true;
  const order = [...rest.order.slice(0, at), position, ...rest.order.slice(at)];
  const tiedWithPrev = [
    ...rest.tiedWithPrev.slice(0, at),
    joinsTier,
    ...rest.tiedWithPrev.slice(at),
  ];
  return { ...rest, order, tiedWithPrev };
}

/** Tie the entry at `index` with the one above it, or untie it. */
export function toggleTie(r: RankingState, index: number): RankingState {
  if (index <= 0 || index >= r.order.length) return r;
  const tiedWithPrev = r.tiedWithPrev.slice();
  tiedWithPrev[index] = !tiedWithPrev[index];
  return { ...r, tiedWithPrev };
}

export function setNoneAcceptable(r: RankingState, value: boolean): RankingState {
  return { ...r, noneAcceptable: value };
}

/** Places, best first: positions sharing a place are one tier. */
export function toTiers(r: RankingState): number[][] {
  const tiers: number[][] = [];
  r.order.forEach((p, i) => {
    if (i > 0 && r.tiedWithPrev[i]) tiers[tiers.length - 1]!.push(p);
    else tiers.push([p]);
  });
  return tiers;
}

export function fromTiers(
  tiers: readonly (readonly number[])[],
  noneAcceptable = false,
): RankingState {
  const order: number[] = [];
  const tiedWithPrev: boolean[] = [];
  for (const tier of tiers)
    tier.forEach((p, j) => {
      order.push(p);
      tiedWithPrev.push(j > 0);
    });
  return { order, tiedWithPrev, noneAcceptable };
}

/** The place number (1-based, ties share it, competition style "1, 2, 2, 4") of each entry. */
export function placeNumbers(r: RankingState): number[] {
  const out: number[] = [];
  r.order.forEach((_, i) => out.push(i > 0 && r.tiedWithPrev[i] ? out[i - 1]! : i + 1));
  return out;
}

export function hasTies(r: RankingState): boolean {
  return r.tiedWithPrev.some(Boolean);
}
