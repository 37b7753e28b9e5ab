import type { ReviewItem } from '../../../shared/api/contract';
import { DEFAULT_STRENGTH_LABELS } from '../../../shared/domain/task';
import { outcomeName } from '../../format';

type Judgment = ReviewItem['judgments'][number];

/**
 * A labeller's verdict as they gave it and as the reviewer reads it. A labeller saw the
 * responses shuffled and answered in letters (A, B…); the reviewer sees them in source order,
 * named Response 1, 2…. Both are shown, so "A better" from one labeller and "B better" from
 * another can be seen to mean the same response.
 */
export interface LabellerVerdict {
  /** In the labeller's letters: "A better", "Tie", "B > A = C". */
  said: string;
  /** The same in response terms: "Response 2 better", or null when `said` has no letters. */
  means: string | null;
  /** Which response was which letter for them: "saw Response 2 as A, Response 1 as B". */
  saw: string | null;
  /** Per-criterion answers in their letters ("accuracy: A (Response 2)"). */
  criteria: string[];
}

const letterAt = (i: number) => String.fromCharCode(65 + i);

/** The letter a labeller knew response `idx` by (the position it was shown in). */
export function letterOf(order: readonly number[], idx: number): string {
  const at = order.indexOf(idx);
  return at < 0 ? `Response ${idx + 1}` : letterAt(at);
}

/** "saw Response 2 as A, Response 1 as B", for the responses named. */
function sawLine(order: readonly number[], idxs: readonly number[]): string {
  const shown = [...new Set(idxs)]
    .filter((i) => order.includes(i))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return `saw ${shown.map((i) => `Response ${i + 1} as ${letterOf(order, i)}`).join(', ')}`;
}

/** A strength as the scale names it, lower case ("slightly better"); null when none was given. */
function strengthWords(strength: number | null): string | null {
  return strength ? (DEFAULT_STRENGTH_LABELS[strength - 1] ?? `strength ${strength}`) : null;
}

export function labellerVerdict(j: Judgment): LabellerVerdict {
  const v = j.verdict;
  const order = j.displayedOrder;
  switch (v.kind) {
    case 'pairwise': {
      const pair = [v.chosenIdx, v.rejectedIdx];
      const how = strengthWords(v.strength);
      const said =
        v.outcome === 'preferred'
          ? `${letterOf(order, v.chosenIdx)} ${how ?? 'better'}`
          : outcomeName(v.outcome);
      const means =
        v.outcome === 'preferred' ? `Response ${v.chosenIdx + 1} ${how ?? 'better'}` : null;
      const criteria = Object.entries(v.criteria).map(([c, x]) =>
        x === 'tie' ? `${c}: tie` : `${c}: ${letterOf(order, x)} (Response ${x + 1})`,
      );
      return { said, means, saw: sawLine(order, pair), criteria };
    }
    case 'ranking': {
      const tiers = (name: (i: number) => string) =>
        v.tiers.map((t) => t.map(name).join(' = ')).join(' > ');
      return {
        said: `${tiers((i) => letterOf(order, i))}${v.noneAcceptable ? ' (none acceptable)' : ''}`,
        means: tiers((i) => `Response ${i + 1}`),
        saw: sawLine(order, v.tiers.flat()),
        criteria: [],
      };
    }
    case 'rating':
      return {
        said: v.ratings
          .map(
            (r) =>
              `${letterOf(order, r.idx)}: ${Object.entries(r.aspects)
                .map(([k, x]) => `${k} ${x}`)
                .join(', ')}${r.thumb ? ` ${r.thumb === 'up' ? '👍' : '👎'}` : ''}`,
          )
          .join('; '),
        means: null,
        saw: sawLine(
          order,
          v.ratings.map((r) => r.idx),
        ),
        criteria: [],
      };
    case 'skip':
      return {
        said: `Skipped${v.reason ? `: ${v.reason}` : ''}`,
        means: null,
        saw: null,
        criteria: [],
      };
  }
}

/** For each response (source index), what each labeller called it: "Ada: A · Bo: B". */
export function lettersByResponse(item: ReviewItem): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of item.item.responses) {
    const names = item.judgments
      .filter((j) => j.verdict.kind !== 'skip' && j.displayedOrder.includes(r.index))
      .map((j) => `${j.labellerName}: ${letterOf(j.displayedOrder, r.index)}`);
    if (names.length) out.set(r.index, names.join(' · '));
  }
  return out;
}
