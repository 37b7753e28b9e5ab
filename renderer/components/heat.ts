/** Background for a kappa-like value in [−1, 1]: blue for agreement, orange for disagreement. */
export function heat(v: number | null, dark: boolean): { background: string; color: string } {
  if (v === null) return { background: 'transparent', color: 'inherit' };
  const x = Math.max(-1, Math.min(1, v));
  const hue = x >= 0 ? 220 : 25;
  const strength = Math.abs(x);
  const lightness = dark ? 18 + 30 * strength : 96 - 50 * strength;
  return {
    background: `hsl(${hue} 70% ${lightness}%)`,
    color: dark || lightness > 60 ? 'inherit' : '#ffffff',
  };
}
