import type { DisplayedVerdict } from './judgment';
import type { TaskSettings } from './task';

/**
 * Whether a verdict is acceptable under the project's task settings: the checks a lead
 * configured (ties allowed, strength scale, criteria and flag names, when a rationale is
 * required). Returns the reason a person would need, or null.
 */
export function verdictProblem(
  task: TaskSettings,
  v: DisplayedVerdict,
  extra: { rationale: string | null; flags: readonly string[] },
): string | null {
  for (const f of extra.flags)
    if (!task.flags.includes(f))
      return `unknown flag ${JSON.stringify(f)}; this project's flags are ${task.flags.join(', ') || 'none'}`;
  const rationale = extra.rationale?.trim() ?? '';
  switch (v.kind) {
    case 'pairwise': {
      if (v.choice === 'tie' && !task.pairwise.allowTie) return 'this project does not allow ties';
      if (v.choice === 'both_bad' && !task.pairwise.allowBothBad)
        return 'this project does not allow "both bad"';
      const levels = task.pairwise.strengthLevels;
      if (v.strength !== null) {
        if (levels === 0) return 'this project has no strength scale';
        if (v.choice === 'A' || v.choice === 'B') {
          if (v.strength > levels) return `strength must be 1..${levels}`;
        }
      } else if (levels > 0 && (v.choice === 'A' || v.choice === 'B')) {
        return `choose how much better (1..${levels})`;
      }
      for (const name of Object.keys(v.criteria)) {
        if (!task.criteria.includes(name)) return `unknown criterion ${JSON.stringify(name)}`;
      }
      if (
        task.rationale === 'required-for-ties' &&
        (v.choice === 'tie' || v.choice === 'both_bad') &&
        !rationale
      ) {
        return 'a rationale is required for ties and "both bad"';
      }
      break;
    }
    case 'ranking':
      if (v.noneAcceptable && !task.ranking.allowNoneAcceptable)
        return 'this project does not allow "none acceptable"';
      if (!task.ranking.allowTies && v.tiers.some((t) => t.length > 1))
        return 'this project does not allow ties in rankings';
      break;
    case 'rating':
      for (const r of v.ratings) {
        for (const [name, value] of Object.entries(r.aspects)) {
          const aspect = task.rating.aspects.find((a) => a.name === name);
          if (!aspect) return `unknown rating aspect ${JSON.stringify(name)}`;
          if (!Number.isInteger(value) || value < aspect.min || value > aspect.max)
            return `${name} must be ${aspect.min}..${aspect.max}`;
        }
        if (r.thumb !== null && !task.rating.thumbs)
          return 'this project does not use thumbs up/down';
      }
      break;
    case 'skip':
      return null;
  }
  if (task.rationale === 'required' && !rationale) return 'a rationale is required';
  return null;
}
