import { useCallback } from 'react';
import type uPlot from 'uplot';
import type { AgreementReport } from '../../../shared/analysis/report';
import { axis, Chart, fitToLabels, useChartTheme, whiskers } from '../../components/Chart';
import { count, decimal, NONE, percent, seconds, WHY } from '../../format';

/** Per-labeller figures with the position-bias and time-per-item plots beside them. */
export function LabellerStats({ report }: { report: AgreementReport }) {
  const theme = useChartTheme();
  const people = report.perLabeller;
  const bias = useCallback(
    () => ({
      options: {
        scales: {
          x: { time: false, range: [-0.5, people.length - 0.5] as [number, number] },
          y: { range: [0, 1] as [number, number] },
        },
        axes: [
          axis(theme, {
            values: (_u: uPlot, ticks: number[]) =>
              ticks.map((t) => (Number.isInteger(t) ? (people[t]?.name ?? '') : '')),
            incrs: [1, 2, 5, 10, 20, 50],
          }),
          axis(theme, {
            values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${Math.round(t * 100)}%`),
          }),
        ],
        series: [
          {},
          {
            label: 'Left wins',
            stroke: theme.series[0],
            width: 0,
            points: { show: true, size: 9, fill: theme.series[0] },
          },
          {
            label: 'No bias (50%)',
            stroke: theme.muted,
            width: 1,
            dash: [4, 4],
            points: { show: false },
          },
        ],
        hooks: {
          draw: whiskers(
            people.map((p) => p.positionBias.interval?.lower ?? null),
            people.map((p) => p.positionBias.interval?.upper ?? null),
            theme.series[0]!,
          ),
        },
        legend: { show: true },
      },
      data: [
        people.map((_, i) => i),
        people.map((p) => p.positionBias.rate),
        people.map(() => 0.5),
      ] as uPlot.AlignedData,
    }),
    [people, theme],
  );
  const bins = report.timeBins;
  const times = useCallback(
    () => ({
      options: {
        scales: { x: { time: false } },
        axes: [
          axis(theme, {
            values: (_u: uPlot, ticks: number[]) =>
              ticks.map((t) =>
                Number.isInteger(t)
                  ? t < bins.length
                    ? `<${bins[t]}s`
                    : `≥${bins[bins.length - 1]}s`
                  : '',
              ),
            // Every bin where there is room, every other one where there is not.
            incrs: [1, 2, 3, 5],
            space: 30,
          }),
          axis(theme, { size: fitToLabels }),
        ],
        series: [
          {},
          ...people.map((p, i) => ({
            label: p.name,
            stroke: theme.series[i % theme.series.length],
            width: 2,
            points: { show: true },
          })),
        ],
      },
      data: [
        bins.concat([Infinity]).map((_, i) => i),
        ...people.map((p) => p.time.histogram),
      ] as uPlot.AlignedData,
    }),
    [people, bins, theme],
  );
  return (
    <>
      <section className="panel">
        <h2>Labellers</h2>
        <table className="data" data-testid="labeller-stats">
          <thead>
            <tr>
              <th>Labeller</th>
              <th className="num">Judgments</th>
              <th
                className="num"
                title="On items others judged too: how often this labeller gave the verdict most others gave"
              >
                Agrees with the others
              </th>
              <th
                className="num"
                title="Cohen’s κ between this labeller and the others’ verdicts: 1 perfect, 0 chance"
              >
                κ vs others
              </th>
              <th className="num">Left wins [95% CI]</th>
              <th className="num">Ties</th>
              <th className="num">Both bad</th>
              <th className="num">Median time</th>
              <th className="num">Gold</th>
              <th className="num">Swapped repeats</th>
              <th className="num">Circular triads</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => {
              const iv = p.positionBias.interval;
              const biased =
                iv !== null &&
                iv.lower !== null &&
                iv.upper !== null &&
                (iv.lower > 0.5 || iv.upper < 0.5);
              return (
                <tr key={p.id} data-labeller={p.name}>
                  <td>{p.name}</td>
                  <td className="num">{count(p.judgments)}</td>
                  <td
                    className="num"
                    title={p.consensus.n === 0 ? WHY.needsTwo : undefined}
                    data-testid="consensus"
                  >
                    {p.consensus.n === 0 ? (
                      NONE
                    ) : (
                      <>
                        {percent(p.consensus.rate)}{' '}
                        <span className="hint">of {count(p.consensus.n)}</span>
                      </>
                    )}
                  </td>
                  <td
                    className="num"
                    title={
                      p.consensus.kappa === null
                        ? p.consensus.n === 0
                          ? WHY.needsTwo
                          : 'cannot be computed (for instance when every verdict is the same)'
                        : undefined
                    }
                    data-testid="kappa-vs-others"
                  >
                    {decimal(p.consensus.kappa, 2)}
                  </td>
                  <td
                    className={`num${biased ? ' flag-warn' : ''}`}
                    data-testid="position-bias"
                    title={biased ? 'The interval excludes 50%: a position bias' : ''}
                  >
                    {percent(p.positionBias.rate)}{' '}
                    {iv ? `[${percent(iv.lower)}, ${percent(iv.upper)}]` : ''}
                    {biased ? ' ⚠' : ''}
                  </td>
                  <td className="num">{percent(p.tieRate)}</td>
                  <td className="num">{percent(p.bothBadRate)}</td>
                  <td className="num">{seconds(p.time.median)}</td>
                  <td className="num">
                    {p.gold.n
                      ? `${count(p.gold.correct)} of ${count(p.gold.n)} (${percent(p.gold.rate)})`
                      : NONE}
                  </td>
                  <td
                    className="num"
                    title={
                      p.repeats.samePosition
                        ? `${p.repeats.samePosition} inconsistent answers picked the same screen side both times`
                        : ''
                    }
                  >
                    {p.repeats.n
                      ? `${count(p.repeats.consistent)} of ${count(p.repeats.n)} consistent`
                      : NONE}
                  </td>
                  <td
                    className="num"
                    title={p.transitivity.examples.map((e) => e.join(' > ')).join('\n')}
                  >
                    {p.transitivity.triples
                      ? `${count(p.transitivity.circular)} of ${count(p.transitivity.triples)}`
                      : NONE}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="hint" data-testid="labeller-stats-note">
          {people.some((p) => p.consensus.n === 0)
            ? `${NONE} under agreement: ${WHY.needsTwo}. `
            : ''}
          {NONE} elsewhere: nothing of that kind yet (no gold items, no swapped repeats, no rankings
          with three or more responses). Left wins: how often the response shown on the left (A)
          won, with its 95% interval; ⚠ marks an interval that excludes 50%.
        </p>
      </section>
      <div className="panel-row">
        <section className="panel">
          <h2>Position bias: left-position win rate, 95% Wilson interval</h2>
          <Chart
            build={bias}
            testId="position-bias-chart"
            label="Left-position win rate per labeller with 95% intervals"
          />
        </section>
        <section className="panel">
          <h2>Time per item (judgments per bin)</h2>
          <Chart
            build={times}
            testId="time-chart"
            label="Distribution of time per item per labeller"
          />
        </section>
      </div>
    </>
  );
}
