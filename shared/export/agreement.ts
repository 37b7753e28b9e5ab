import { krippendorffAlpha, percentAgreement } from '../metrics';
import type { PairVote } from './votes';

/**
 * Agreement over the votes an export uses, with the project's metrics (shared/metrics):
 * the unit is one pair of responses on one item; each labeller's vote on it is a value.
 */

/** A vote as a nominal category: the winner's index, −1 for a tie, −2 for both-bad. */
function category(v: PairVote): number {
  return v.outcome === 'preferred' ? v.winner! : v.outcome === 'tie' ? -1 : -2;
}

/** A vote on the ordinal scale −L..L: signed strength towards the pair's first response, 0 for no preference. */
function signedStrength(v: PairVote): number {
  if (v.outcome !== 'preferred') return 0;
  return (v.winner === v.a ? 1 : -1) * (v.strength ?? 1);
}

/** Every pair of labellers who voted on the same pair, as two aligned label arrays. */
function raterPairs(votes: Iterable<readonly PairVote[]>): [number[], number[]] {
  const r1: number[] = [];
  const r2: number[] = [];
  for (const on of votes)
    for (let i = 0; i < on.length; i++)
      for (let j = i + 1; j < on.length; j++) {
        r1.push(category(on[i]!));
        r2.push(category(on[j]!));
      }
  return [r1, r2];
}

/**
 * One item's agreement: the share of labeller pairs that agree, over all its response pairs
 * (ties are a category of their own). Null when no pair has two votes.
 */
export function itemAgreement(byPair: ReadonlyMap<string, readonly PairVote[]>): number | null {
  const [r1, r2] = raterPairs(byPair.values());
  return percentAgreement(r1, r2);
}

export interface AgreementFigures {
  /** Pairs (item × response pair) with at least two votes. */
  units: number;
  /** Labeller pairs compared on them. */
  comparisons: number;
  /** Share of those comparisons that agree. */
  percent: number | null;
  /** Krippendorff's alpha on the outcome (winner, tie, both-bad) as nominal categories. */
  alphaNominal: number | null;
  /** Krippendorff's alpha on the signed strength (−L..L) as ordinal, when the project has a scale. */
  alphaOrdinal: number | null;
}

/** Collects the votes of every exported item, then computes the figures once. */
export class AgreementAccumulator {
  private readonly r1: number[] = [];
  private readonly r2: number[] = [];
  private readonly nominal: number[][] = [];
  private readonly ordinal: number[][] = [];

  constructor(private readonly withOrdinal: boolean) {}

  add(byPair: ReadonlyMap<string, readonly PairVote[]>): void {
    for (const on of byPair.values()) {
      if (on.length < 2) continue;
      const [r1, r2] = raterPairs([on]);
      for (let i = 0; i < r1.length; i++) {
        this.r1.push(r1[i]!);
        this.r2.push(r2[i]!);
      }
      this.nominal.push(on.map(category));
      if (this.withOrdinal) this.ordinal.push(on.map(signedStrength));
    }
  }

  figures(): AgreementFigures {
    return {
      units: this.nominal.length,
      comparisons: this.r1.length,
      percent: percentAgreement(this.r1, this.r2),
      alphaNominal: krippendorffAlpha(this.nominal, 'nominal'),
      alphaOrdinal: this.withOrdinal ? krippendorffAlpha(this.ordinal, 'ordinal') : null,
    };
  }
}

/** An accumulator that keeps nothing: for passes that only count rows. */
export const NO_AGREEMENT: AgreementAccumulator = new (class extends AgreementAccumulator {
  override add(): void {}
})(false);
