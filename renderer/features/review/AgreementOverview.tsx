import { useCallback } from 'react';
import type uPlot from 'uplot';
import type { AgreementReport, Figure } from '../../../shared/analysis/report';
import { axis, Chart, useChartTheme, useDarkTheme } from '../../components/Chart';
import { heat } from '../../components/heat';
import {
  count,
  decimal,
  figureBasis,
  figureHelp,
  figureValue,
  NONE,
  percent,
  plural,
  taskName,
  WHY,
} from '../../format';

type Task = AgreementReport['tasks'][number]['task'];

function FigureTable(props: {
  task: Task;
  figures: Figure[];
  sharedItems: number;
  testId: string;
}) {
  const { figures } = props;
  // With no item judged twice, every figure is empty for the same reason: say it once.
  const reason = props.sharedItems === 0 ? WHY.needsTwo : null;
  const anyMissing = figures.some((f) => f.value === null);
  return (
    <>
      <table className="data" data-testid={props.testId}>
        <thead>
          <tr>
            <th>Statistic</th>
            <th className="num">Value</th>
            <th className="num" title="How many units each figure is computed from">
              Based on
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.key} data-figure={f.key} title={figureHelp(f.key)}>
              <td>{f.label}</td>
              <td
                className="num"
                title={
                  f.value === null
                    ? (reason ?? 'cannot be computed from these judgments (e.g. one verdict only)')
                    : undefined
                }
              >
                {figureValue(f)}
              </td>
              <td className="num">{figureBasis(props.task, f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        κ and α: 1 is perfect agreement, 0 is what chance alone gives, below 0 is worse than chance.
      </p>
      {anyMissing ? (
        <p className="hint" data-testid="figures-missing">
          {NONE}
          {reason
            ? `: ${reason}. No item here is judged by two labellers yet; give labellers overlapping items on the Team tab, or merge another labeller’s work.`
            : ': cannot be computed from these judgments (for instance when every verdict is the same).'}
        </p>
      ) : null}
    </>
  );
}

/** Agreement per task and criterion, the labeller × labeller heatmap, and agreement over time. */
export function AgreementOverview({ report }: { report: AgreementReport }) {
  const theme = useChartTheme();
  const dark = useDarkTheme();
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
          axis(theme, { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => decimal(t, 1)) }),
        ],
        series: [
          {},
          { label: "Krippendorff's α", stroke: theme.series[0], width: 2, points: { show: true } },
          {
            label: 'Percent agreement (as a share, 1 = 100%)',
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
              Agreement on {taskName(t.task).toLowerCase()}{' '}
              <span className="hint">
                ({plural(t.judgments, 'judgment')}; {plural(t.sharedItems, 'item')} judged by two or
                more labellers)
              </span>
            </h2>
            <FigureTable
              task={t.task}
              figures={t.figures}
              sharedItems={t.sharedItems}
              testId={`figures-${t.task}`}
            />
          </section>
        ))}
        {report.criteria.map((c) => (
          <section className="panel" key={c.criterion}>
            <h2>Criterion: {c.criterion}</h2>
            <FigureTable
              task="pairwise"
              figures={c.figures}
              sharedItems={report.counts.sharedItems}
              testId={`figures-criterion-${c.criterion}`}
            />
          </section>
        ))}
      </div>
      <div className="panel-row">
        <section className="panel" data-testid="kappa-heatmap">
          <h2>Cohen’s κ between labellers</h2>
          {names.length < 2 ? (
            <p className="hint">
              {NONE}: {WHY.needsTwo}. So far {names.length ? names.join(', ') : 'no one'} has
              judged.
            </p>
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
                    {row.map((v, b) => {
                      const shared = report.pairs.shared[a]![b]!;
                      return (
                        <td
                          key={b}
                          className="cell"
                          style={a === b ? undefined : heat(v, dark)}
                          title={
                            a === b
                              ? ''
                              : v === null
                                ? `${names[a]} × ${names[b]}: ${shared ? 'κ cannot be computed (for instance when every verdict is the same)' : WHY.noShared}`
                                : `${names[a]} × ${names[b]}: κ ${decimal(v, 3)}, weighted (linear) ${decimal(report.pairs.weightedLinear[a]![b], 3)}, agreement ${percent(report.pairs.percent[a]![b])}, on ${plural(shared, 'shared item')}`
                          }
                        >
                          {a === b ? NONE : decimal(v, 2)}
                          {a === b ? null : <div className="hint">{plural(shared, 'item')}</div>}
                        </td>
                      );
                    })}
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
            <>
              <Chart
                build={build}
                testId="agreement-over-time"
                label="Agreement over time"
                height={200}
              />
              <p className="hint">
                {plural(points.length, report.overTime.bucket)}, from{' '}
                {count(points.reduce((n, p) => n + p.units, 0))} items judged twice or more.
              </p>
            </>
          )}
        </section>
      </div>
    </>
  );
}
