import { useCallback } from 'react';
import type uPlot from 'uplot';
import type { AgreementReport, Figure } from '../../../shared/analysis/report';
import { axis, Chart, useChartTheme } from '../../components/Chart';
import { heat, pct, stat } from './format';

function FigureTable({ figures, testId }: { figures: Figure[]; testId: string }) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>Statistic</th>
          <th className="num">Value</th>
          <th className="num">Units</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.key} data-figure={f.key}>
            <td>{f.label}</td>
            <td className="num">{stat(f.value)}</td>
            <td className="num">{f.units}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Agreement per task and criterion, the labeller × labeller heatmap, and agreement over time. */
export function AgreementOverview({ report }: { report: AgreementReport }) {
  const theme = useChartTheme();
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const points = report.overTime.points;
  const build = useCallback(
    () => ({
      options: {
        scales: {
          // One bucket alone would make uPlot span years around it: show a day either side.
          x:
            points.length === 1
              ? {
                  time: true,
                  range: [points[0]!.start / 1000 - 86_400, points[0]!.start / 1000 + 86_400] as [
                    number,
                    number,
                  ],
                }
              : { time: true },
          y: { range: [-0.2, 1] as [number, number] },
        },
        axes: [
          axis(theme),
          axis(theme, { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => t.toFixed(1)) }),
        ],
        series: [
          {},
          { label: "Krippendorff's α", stroke: theme.series[0], width: 2, points: { show: true } },
          {
            label: 'Percent agreement',
            stroke: theme.series[1],
            width: 2,
            dash: [6, 4],
            points: { show: true },
          },
        ],
      },
      data: [
        points.map((p) => p.start / 1000),
        points.map((p) => p.alpha),
        points.map((p) => p.percent),
      ] as uPlot.AlignedData,
    }),
    [points, theme],
  );
  const names = report.labellers.map((l) => l.name);
  return (
    <>
      <div className="panel-row">
        {report.tasks.map((t) => (
          <section className="panel" key={t.task}>
            <h2>
              Agreement — {t.task} ({t.judgments} judgments, {t.sharedItems} items judged by two or
              more)
            </h2>
            <FigureTable figures={t.figures} testId={`figures-${t.task}`} />
          </section>
        ))}
        {report.criteria.map((c) => (
          <section className="panel" key={c.criterion}>
            <h2>Criterion: {c.criterion}</h2>
            <FigureTable figures={c.figures} testId={`figures-criterion-${c.criterion}`} />
          </section>
        ))}
      </div>
      <div className="panel-row">
        <section className="panel" data-testid="kappa-heatmap">
          <h2>Cohen’s κ between labellers</h2>
          {names.length < 2 ? (
            <p className="hint">Needs two labellers who judged the same items.</p>
          ) : (
            <table className="data heatmap">
              <thead>
                <tr>
                  <th />
                  {names.map((n) => (
                    <th key={n}>{n}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.pairs.cohenKappa.map((row, a) => (
                  <tr key={names[a]}>
                    <th>{names[a]}</th>
                    {row.map((v, b) => (
                      <td
                        key={b}
                        className="cell"
                        style={a === b ? undefined : heat(v, dark)}
                        title={
                          a === b
                            ? ''
                            : `${names[a]} × ${names[b]}: κ ${stat(v)}, weighted (linear) ${stat(report.pairs.weightedLinear[a]![b])}, agreement ${pct(report.pairs.percent[a]![b])}, ${report.pairs.shared[a]![b]} shared items`
                        }
                      >
                        {a === b ? '—' : stat(v, 2)}
                        {a === b ? null : (
                          <div className="hint">n {report.pairs.shared[a]![b]}</div>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel">
          <h2>Agreement over time (by {report.overTime.bucket})</h2>
          {points.length === 0 ? (
            <p className="hint">No items judged by two or more labellers yet.</p>
          ) : (
            <Chart
              build={build}
              testId="agreement-over-time"
              label="Agreement over time"
              height={200}
            />
          )}
        </section>
      </div>
    </>
  );
}
