/**
 * Seeded randomness for bootstraps: the same seed gives the same intervals on every machine,
 * so a reviewer can reproduce a figure exactly.
 */
import { mulberry32 } from '../domain/display-order';

export type Rng = () => number;

/** mulberry32 (the same generator as the display order): plenty for resampling. */
export function seededRng(seed: number): Rng {
  return mulberry32(seed);
}

/** A Poisson(λ) draw: multiplication (Knuth) for small λ, PTRS (Hörmann 1993) for λ ≥ 10. */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng() - 0.5;
    const v = rng();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - logFactorial(k)
    )
      return k;
  }
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  if (k < 30) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  // Stirling's series: exact to double precision for k ≥ 30.
  return (
    (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k ** 3)
  );
}
