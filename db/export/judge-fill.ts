import { computeJudgeCalibration, sliceLabel } from '../../shared/analysis/judge-calibration';
import { groupPairUnits } from '../../shared/analysis/pairwise-units';
import { ApiError } from '../../shared/api/errors';
import type { JudgeOutcome } from '../../shared/judges/judge';
import type { JudgeFill, JudgeFillMeasured } from '../../shared/export/options';
import { loadAnalysisInput } from '../analysis/load';
import { loadSliceColumn } from '../analysis/slices';
import { findJudge } from '../judges/store';
import type { Db } from '../open';
import { stmt } from '../statements';

/** What an export's judge policy measured, and so where the judge may fill. */
export interface JudgeFillPlan extends JudgeFillMeasured {
  judgeId: number;
}

/**
 * Measure the judge against the people as the Review screen does (judge calibration: its
 * agreement with the human majority), and refuse the policy when the measurement falls short
 * of the lead's threshold: overall, or, with a slice field, on every slice. Runs on the
 * export's own read connection, so the figures are those of the snapshot exported.
 */
export function planJudgeFill(db: Db, fill: JudgeFill): JudgeFillPlan {
  const judge = findJudge(db, fill.judge);
  if (!judge)
    throw new ApiError(
      'INVALID_INPUT',
      `no judge named ${JSON.stringify(fill.judge)} in this project`,
    );
  const input = loadAnalysisInput(db);
  const units = groupPairUnits(input.judgments, input.items.count);
  const slice = fill.sliceBy ? loadSliceColumn(db, fill.sliceBy, input.items.count) : null;
  const c = computeJudgeCalibration(input, units, slice).find((j) => j.name === fill.judge)!;
  const m = c.vsHumanMajority;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const passes = (agreement: number | null, items: number) =>
    agreement !== null && items >= fill.minItems && agreement >= fill.minAgreement;
  const plan: JudgeFillPlan = {
    judgeId: judge.id,
    judge: fill.judge,
    agreement: m.agreement,
    kappa: m.kappa,
    items: m.items,
    minAgreement: fill.minAgreement,
    minItems: fill.minItems,
    sliceBy: fill.sliceBy,
    slices:
      c.slices?.map((s) => ({
        value: s.value,
        items: s.items,
        agreement: s.agreement,
        allowed: passes(s.agreement, s.items),
      })) ?? null,
  };
  const measured =
    m.agreement === null
      ? `its agreement with people is not measured (no item has both its verdict and a human majority)`
      : `it agrees with the human majority on ${pct(m.agreement)} of ${m.items} items`;
  if (!plan.slices && !passes(m.agreement, m.items))
    throw new ApiError(
      'INVALID_INPUT',
      `judge ${JSON.stringify(fill.judge)} may not fill items: ${measured}; the policy asks for at least ${pct(fill.minAgreement)} on at least ${fill.minItems} items`,
      { judgeFill: plan },
    );
  if (plan.slices && !plan.slices.some((s) => s.allowed))
    throw new ApiError(
      'INVALID_INPUT',
      `judge ${JSON.stringify(fill.judge)} may not fill items: on no value of ${JSON.stringify(fill.sliceBy)} does it agree with the human majority on at least ${pct(fill.minAgreement)} of at least ${fill.minItems} items (${measured})`,
      { judgeFill: plan },
    );
  return plan;
}

/** Is an item (its metadata) in a slice where the judge passed? Always, without slices. */
export function judgeMayFill(
  plan: JudgeFillPlan,
  metadata: Record<string, unknown> | null,
): boolean {
  if (!plan.slices) return true;
  const value = sliceLabel(metadata?.[plan.sliceBy!]);
  return plan.slices.some((s) => s.allowed && s.value === value);
}

export interface JudgeItemVerdicts {
  seq: number;
  verdicts: Array<{ lo: number; hi: number; outcome: JudgeOutcome; winner: number | null }>;
}

/** The judge's verdicts on live items, item by item in queue order (the primary key's order: no sort). */
export function* judgeVerdictsBySeq(db: Db, judgeId: number): Generator<JudgeItemVerdicts> {
  const rows = stmt<[number], [number, number, number, JudgeOutcome, number | null]>(
    db,
    `SELECT v.item_seq, v.pair_lo, v.pair_hi, v.outcome, v.winner
       FROM judge_verdicts v JOIN items i ON i.seq = v.item_seq
      WHERE v.judge_id = ? AND i.archived = 0
      ORDER BY v.item_seq, v.pair_lo, v.pair_hi, v.shown_first`,
  )
    .raw()
    .iterate(judgeId);
  let current: JudgeItemVerdicts | null = null;
  for (const [seq, lo, hi, outcome, winner] of rows) {
    if (current && current.seq !== seq) {
      yield current;
      current = null;
    }
    current ??= { seq, verdicts: [] };
    current.verdicts.push({ lo, hi, outcome, winner });
  }
  if (current) yield current;
}

export function countJudgeVerdicts(db: Db, judgeId: number): number {
  return stmt<[number], { n: number }>(
    db,
    `SELECT count(*) AS n FROM judge_verdicts v JOIN items i ON i.seq = v.item_seq
      WHERE v.judge_id = ? AND i.archived = 0`,
  ).get(judgeId)!.n;
}
