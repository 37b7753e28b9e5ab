/**
 * The reward-model margin from the strength scale.
 *
 * TRL's RewardTrainer reads an optional `margin` column and trains on
 * −log σ(r(chosen) − r(rejected) − margin), so a pair labelled "significantly better" must
 * be separated by more than one labelled "negligibly better" (Llama 2, Touvron et al. 2023,
 * §3.2.2). Rankwise maps strength s on a scale of L levels linearly onto 0..1:
 *
 *     margin = (s − 1) / (L − 1)
 *
 * which on Llama 2's four levels gives exactly its "margin small" values: negligibly better
 * 0, slightly better 1/3, better 2/3, significantly better 1. A mean strength (the "mean"
 * policy, or several agreeing labellers) maps the same way, and a mean below 1 — labellers
 * pulling in different directions — gives 0. Pairs without a strength (from rankings, from a
 * criterion, or judged without the scale) get 0: no extra margin, the plain Bradley–Terry
 * loss. With fewer than two levels there is nothing to map and the column is left out.
 */
export function hasMargin(strengthLevels: number, criterion: string | null): boolean {
  return strengthLevels >= 2 && criterion === null;
}

export function marginOf(strength: number | null, strengthLevels: number): number {
  if (strength === null || strengthLevels < 2) return 0;
  return Math.min(1, Math.max(0, (strength - 1) / (strengthLevels - 1)));
}
