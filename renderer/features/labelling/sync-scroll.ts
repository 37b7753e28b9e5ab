export interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Where a pane should scroll to follow another: the same fraction of the way down, so two
 * answers of different lengths stay roughly level (their ends meet at the end).
 */
export function followScroll(source: ScrollBox, target: Omit<ScrollBox, 'scrollTop'>): number {
  const range = source.scrollHeight - source.clientHeight;
  const targetRange = target.scrollHeight - target.clientHeight;
  if (range <= 0 || targetRange <= 0) return 0;
  return Math.round((source.scrollTop / range) * targetRange);
}
