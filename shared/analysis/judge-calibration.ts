import { cohenKappaFromTable, wilsonInterval } from '../metrics/index';
import { NO_VERDICT, type AnalysisInput, type JudgeInput } from './input';
import { BOTH_BAD, HI, LO, TIE, type PairUnits } from './pairwise-units';
import type { JudgeCalibration } from './report';

/**
 * How far each judge can be trusted, measured against the people (the Review screen's judge
 * figures, and `judges` in `rankwise agreement --json`). Pure, over the analysis input's
 * columns: the human pairwise units (one item's one pair, every labeller's current verdict on
 * it) are walked once per judge beside the judge's verdicts, sorted the same way.
 *
 * A judge's verdict on a unit is what it said about that pair; when it was asked in both
 * orders and said different things (it flipped with the order), it has no verdict on the unit,
 * and neither does a reply that held none. So agreement is measured on exactly the verdicts
 * the judge gives, the ones an export's judge policy would take; flips are counted in
 * `orderConsistency`, replies without a verdict in `noVerdict`.
 *
 * - vsHumanMajority: units where a strict majority of the labellers who judged the pair agree
 *   (a tie and both-bad are labels of their own; one labeller is a majority of one), the share
 *   where the judge says the same, Cohen's kappa on those units, and the confusion matrix,
 *   rows the judge's label and columns the majority's, both in the order [A better, B better,
 *   tie, both bad] where A is the pair's lower-index response (response 1 of a two-response
 *   item).
 * - vsLabellers: the same against each labeller alone, to read beside the labellers' agreement
 *   with each other (the report's `pairs`): is the judge as good as another person?
 * - positionBias: of the judge's decisive verdicts with a known order, the share that went to
 *   the response shown first, with a 95% Wilson interval.
 * - orderConsistency: of the pairs it judged in both orders (both with a verdict), the share
 *   where it said the same thing both times; null when it never judged a pair both ways.
 * - anchoring: human verdicts made with this judge's suggestion on screen against those made
 *   without, each as the share equal to the judge's verdict: higher when anchored suggests
 *   people followed it.
 * - slices: vsHumanMajority per value of a chosen item metadata field, when one is chosen.
 * Every figure that is not defined (nothing to compare) is null, never 0.
 */
export function computeJudgeCalibration(
  input: AnalysisInput,
  units: PairUnits,
  slice: SliceColumn | null = null,
): JudgeCalibration[] {
  const judges = input.judges;
  if (!judges || judges.names.length === 0) return [];
  const anchoredBy = anchorMap(judges, input.labellers.length);
  return judges.names.map((_, k) => calibrate(input, units, judges, k, anchoredBy, slice));
}

/**
 * A metadata value as a slice's name: a string as it is, a number or boolean as its text, an
 * object or list as its JSON; null for none.
 */
export function sliceLabel(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Values of a metadata field per item key (null: the item has none), and their names. */
export interface SliceColumn {
  field: string;
  /** Index into `values` per item key, −1 for none. */
  of: Int32Array;
  values: string[];
}

/** (item × labellers + labeller) → the key of the judge whose suggestion was on screen. */
function anchorMap(j: JudgeInput, L: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let x = 0; x < j.anchored.length; x++)
    m.set(j.anchored.item[x]! * L + j.anchored.labeller[x]!, j.anchored.judge[x]!);
  return m;
}

/**
 * One judge's verdicts folded per unit (an item's pair): its label there (0..3 as the human
 * units code them, −1 when it flipped with the order or gave no verdict), with the counts the
 * calibration reports. Units come in item order; `start[item]` is where an item's begin.
 */
export interface JudgeUnits {
  start: Int32Array;
  item: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  label: Int8Array;
  verdicts: number;
  noVerdict: number;
  /** Decisive verdicts with a known order, and how many went to the response shown first. */
  decisive: number;
  wonFirst: number;
  /** Pairs with a verdict in both orders, and how many said the same both times. */
  bothOrders: number;
  consistent: number;
}

/** The verdict rows of judge k: [from, to) of the sorted table. */
function rowsOf(j: JudgeInput, k: number): [number, number] {
  const v = j.verdicts;
  let from = 0;
  while (from < v.length && v.judge[from]! < k) from++;
  let to = from;
  while (to < v.length && v.judge[to] === k) to++;
  return [from, to];
}

export function judgeUnits(j: JudgeInput, k: number, itemCount: number): JudgeUnits {
  const v = j.verdicts;
  const [from, to] = rowsOf(j, k);
  const u = {
    verdicts: 0,
    noVerdict: 0,
    decisive: 0,
    wonFirst: 0,
    bothOrders: 0,
    consistent: 0,
  };
  const perItem = new Int32Array(itemCount + 1);
  const uItem: number[] = [];
  const uLo: number[] = [];
  const uHi: number[] = [];
  const uLabel: number[] = [];
  for (let a = from; a < to;) {
    let b = a + 1;
    while (b < to && v.item[b] === v.item[a] && v.lo[b] === v.lo[a] && v.hi[b] === v.hi[a]) b++;
    // Verdicts a..b are on one pair: in one order or both.
    let label = -2; // none yet
    let inFirst = -1; // the label given with the lower index shown first
    let inSecond = -1;
    for (let r = a; r < b; r++) {
      const c = v.code[r]!;
      if (c === NO_VERDICT) {
        u.noVerdict++;
        continue;
      }
      u.verdicts++;
      const f = v.first[r]!;
      if ((c === LO || c === HI) && f >= 0) {
        u.decisive++;
        if ((c === LO && f === 0) || (c === HI && f === 1)) u.wonFirst++;
      }
      if (f === 0) inFirst = c;
      else if (f === 1) inSecond = c;
      label = label === -2 ? c : label === c ? c : -1;
    }
    if (inFirst >= 0 && inSecond >= 0) {
      u.bothOrders++;
      if (inFirst === inSecond) u.consistent++;
    }
    const item = v.item[a]!;
    if (item < itemCount) perItem[item + 1]!++;
    uItem.push(item);
    uLo.push(v.lo[a]!);
    uHi.push(v.hi[a]!);
    uLabel.push(label < 0 ? -1 : label);
    a = b;
  }
  for (let i = 0; i < itemCount; i++) perItem[i + 1]! += perItem[i]!;
  return {
    ...u,
    start: perItem,
    item: Int32Array.from(uItem),
    lo: Int32Array.from(uLo),
    hi: Int32Array.from(uHi),
    label: Int8Array.from(uLabel),
  };
}

function calibrate(
  input: AnalysisInput,
  units: PairUnits,
  judges: JudgeInput,
  k: number,
  anchoredBy: Map<number, number>,
  slice: SliceColumn | null,
): JudgeCalibration {
  const L = input.labellers.length;
  const itemCount = input.items.count;
  const ju = judgeUnits(judges, k, itemCount);
  const { verdicts, noVerdict, decisive, wonFirst, bothOrders, consistent } = ju;

  // One pass over the human units beside the judge's.
  const majority = new Float64Array(16);
  const perLabeller = Array.from({ length: L }, () => new Float64Array(16));
  const anchored = { n: 0, agree: 0 };
  const unanchored = { n: 0, agree: 0 };
  const slices = slice ? new Map<number, Float64Array>() : null;
  const c4 = new Int32Array(4);
  const t = units.t;
  for (let x = 0; x < units.count; x++) {
    const item = units.unitItem[x]!;
    if (item >= itemCount) continue;
    let judged = -1;
    for (let y = ju.start[item]!; y < ju.start[item + 1]!; y++)
      if (ju.lo[y] === units.unitLo[x] && ju.hi[y] === units.unitHi[x]) {
        judged = ju.label[y]!;
        break;
      }
    if (judged < 0) continue;
    c4.fill(0);
    const s = units.starts[x]!;
    const e = units.starts[x + 1]!;
    for (let y = s; y < e; y++) {
      const row = units.order[y]!;
      const code = units.code[row]!;
      c4[code]!++;
      const l = t.labeller[row]!;
      perLabeller[l]![judged * 4 + code]!++;
      const by = anchoredBy.get(item * L + l);
      const side = by === k ? anchored : unanchored;
      side.n++;
      if (code === judged) side.agree++;
    }
    const m = e - s;
    let top = -1;
    for (let c = 0; c < 4; c++) if (c4[c]! * 2 > m) top = c;
    if (top < 0) continue;
    majority[judged * 4 + top]!++;
    if (slices) {
      const key = slice!.of[item] ?? -1;
      let table = slices.get(key);
      if (!table) slices.set(key, (table = new Float64Array(16)));
      table[judged * 4 + top]!++;
    }
  }

  const name = judges.names[k]!;
  return {
    name: name.name,
    verdicts,
    vsHumanMajority: { ...tableFigures(majority), confusion: confusionOf(majority) },
    vsLabellers: input.labellers.map((who, l) => ({
      labellerId: who.id,
      ...tableFigures(perLabeller[l]!),
    })),
    positionBias: {
      n: decisive,
      firstShownRate: decisive ? wonFirst / decisive : null,
      interval: wilsonInterval(wonFirst, decisive),
    },
    orderConsistency: bothOrders ? { pairs: bothOrders, rate: consistent / bothOrders } : null,
    kind: name.kind,
    model: name.model,
    noVerdict,
    anchoring: {
      anchored: { n: anchored.n, agreement: anchored.n ? anchored.agree / anchored.n : null },
      unanchored: {
        n: unanchored.n,
        agreement: unanchored.n ? unanchored.agree / unanchored.n : null,
      },
    },
    slices:
      slices === null
        ? null
        : [...slices]
            .map(([key, table]) => ({
              value: key < 0 ? null : slice!.values[key]!,
              ...tableFigures(table),
            }))
            .sort((a, b) =>
              a.value === b.value
                ? 0
                : a.value === null
                  ? 1
                  : b.value === null
                    ? -1
                    : a.value < b.value
                      ? -1
                      : 1,
            ),
  };
}

/** Units, agreement and Cohen's kappa of a 4 × 4 table (judge × people). */
function tableFigures(t: Float64Array): {
  items: number;
  agreement: number | null;
  kappa: number | null;
} {
  let n = 0;
  let agree = 0;
  for (let i = 0; i < 16; i++) n += t[i]!;
  for (let c = 0; c < 4; c++) agree += t[c * 5]!;
  return { items: n, agreement: n ? agree / n : null, kappa: cohenKappaFromTable(t, 4) };
}

function confusionOf(t: Float64Array): number[][] {
  return [LO, HI, TIE, BOTH_BAD].map((j) => [LO, HI, TIE, BOTH_BAD].map((h) => t[j * 4 + h]!));
}
