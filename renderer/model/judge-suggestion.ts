import type { Suggestion } from '../../shared/api/methods/judges';

/**
 * A judge's suggestion in the letters the labeller sees: the backend names responses by
 * index (source order); `displayedOrder` is which response each position shows.
 */
export function suggestionVerdict(s: Suggestion, displayedOrder: readonly number[]): string {
  if (s.outcome === 'tie') return 'Tie';
  if (s.outcome === 'both_bad') return 'Both bad';
  const at = displayedOrder.indexOf(s.chosen);
  return at < 0 ? `Response ${s.chosen + 1} better` : `${String.fromCharCode(65 + at)} better`;
}
