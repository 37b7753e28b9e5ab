import { useCallback, useEffect } from 'react';
import type uPlot from 'uplot';
import type { Leaderboard } from '../../../shared/analysis/report';
import {
  axis,
  Chart,
  fitToLabels,
  useChartTheme,
  useDarkTheme,
  whiskers,
} from '../../components/Chart';
import { heat } from '../../components/heat';
import { JudgeLeaderboards } from './JudgeLeaderboards';
import { count, NONE, percent, plural, WHY } from '../../format';
import { useAppStore, useAppStoreShallow, useStoreApi } from '../../state/store';

const REASONS: Record<string, string> = {
  'never-lost': 'not estimable: never lost',
  'never-won': 'not estimable: never won',
  separated: 'not estimable: not connected to the others by wins and losses',
  'no-comparisons': 'no comparisons',
};

/** The y range that holds every rating and its interval (open ends run to the edge). */
function ratingRange(models: Leaderboard['models']): [number, number] {
  const values = models.flatMap((m) => [
    m.rating,
    m.ratingInterval?.lower ?? null,
    m.ratingInterval?.upper ?? null,
  ]);
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!finite.length) return [900, 1100];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max(10, (hi - lo) * 0.08);
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}

/** Why there is nothing to rank, and what to do about it. */
function EmptyLeaderboard({ lb }: { lb: Leaderboard }) {
  const setView = useAppStore((st) => st.setView);
  const noNames = lb.winRates.models.length === 0;
  return (
    <section className="panel empty-state" data-testid="leaderboard-empty">
      {noNames ? (
        <>
          <h3>No model names in this project</h3>
          <p>
            The leaderboard ranks the models that wrote the responses, so it needs each response’s
            model name. This project’s responses have none. Judging works without them; to see a
            leaderboard, import a dataset whose responses name their model (a <code>model</code>{' '}
            field, or a column mapped to it in the import wizard).
          </p>
          <button type="button" onClick={() => setView('import')}>
            Go to Import
          </button>
        </>
      ) : lb.skipped.noModel > 0 ? (
        <>
          <h3>The judged responses carry no model names</h3>
          <p>
            {plural(lb.skipped.noModel, 'comparison')} so far involved a response without a model
            name, so no model could be credited. Judging items whose responses name their model
            fills the leaderboard.
          </p>
        </>
      ) : lb.skipped.sameModel > 0 ? (
        <>
          <h3>No comparisons between different models yet</h3>
          <p>
            Every judgment so far compared two responses of the same model (
            {plural(lb.skipped.sameModel, 'comparison')}), which says nothing about which model is
            better. Keep labelling: items pairing different models will fill the leaderboard.
          </p>
        </>
      ) : (
        <>
          <h3>Nothing judged yet</h3>
          <p>
            The responses name {plural(lb.winRates.models.length, 'model')}; the leaderboard ranks
            them from the judgments, and there are none yet. Label some items, then press Recompute.
          </p>
          <button type="button" className="primary" onClick={() => setView('label')}>
            Go to Label
          </button>
        </>
      )}
    </section>
  );
}

/** Model strengths from the judgments: Bradley–Terry with bootstrap intervals, Elo, win rates. */
export function LeaderboardScreen() {
  const s = useAppStoreShallow((st) => ({
    lb: st.leaderboard,
    stale: st.leaderboardStale,
    job: st.leaderboardJob,
    refresh: st.refreshLeaderboard,
    load: st.loadLeaderboard,
  }));
  const store = useStoreApi();
  const { load, refresh } = s;
  useEffect(() => {
    void (async () => {
      await load();
      const st = store.getState();
      if (!st.leaderboard && st.leaderboardJob?.status !== 'running') await refresh();
    })();
  }, [load, refresh, store]);
  const theme = useChartTheme();
  const dark = useDarkTheme();
  const running = s.job?.status === 'running';
  const models = (s.lb?.models ?? []).filter((m) => m.estimable);
  const build = useCallback(
    () => ({
      options: {
        scales: {
          x: { time: false, range: [-0.5, models.length - 0.5] as [number, number] },
          // Room for the whole of every interval, not only the points.
          y: { range: ratingRange(models) },
        },
        axes: [
          axis(theme, {
            values: (_u: uPlot, ticks: number[]) =>
              ticks.map((t) => (Number.isInteger(t) ? (models[t]?.model ?? '') : '')),
            incrs: [1, 2, 5, 10, 20, 50],
          }),
          axis(theme, { size: fitToLabels }),
        ],
        series: [
          {},
          {
            label: 'Bradley–Terry rating',
            stroke: theme.series[0],
            width: 0,
            points: { show: true, size: 9, fill: theme.series[0] },
          },
        ],
        hooks: {
          draw: whiskers(
            models.map((m) => m.ratingInterval?.lower ?? null),
            models.map((m) => m.ratingInterval?.upper ?? null),
            theme.series[0]!,
          ),
        },
      },
      data: [models.map((_, i) => i), models.map((m) => m.rating)] as uPlot.AlignedData,
    }),
    [models, theme],
  );
  const lb = s.lb;
  return (
    <main className="leaderboard" data-testid="leaderboard-screen">
      <div className="review-head">
        <h2 style={{ margin: 0 }}>Model leaderboard</h2>
        <span className="hint" data-testid="leaderboard-status">
          {running
            ? 'Computing…'
            : lb
              ? `${plural(lb.comparisons, 'comparison')}; intervals from ${count(lb.bootstrapRounds)} bootstrap rounds${s.stale ? '; judgments changed since' : ''}`
              : 'Not computed yet.'}
        </span>
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={running}
          data-testid="leaderboard-refresh"
        >
          Recompute
        </button>
      </div>
      {lb && lb.models.length === 0 ? <EmptyLeaderboard lb={lb} /> : null}
      {lb && lb.models.length > 0 ? (
        <>
          <section className="panel">
            <table className="data" data-testid="leaderboard-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Model</th>
                  <th className="num">Bradley–Terry rating</th>
                  <th className="num">95% interval</th>
                  <th className="num">Elo</th>
                  <th className="num">Win rate</th>
                  <th className="num" title="Wins / losses / ties">
                    Won / lost / tied
                  </th>
                </tr>
              </thead>
              <tbody>
                {lb.models.map((m, i) => (
                  <tr key={m.model} data-model={m.model}>
                    <td>{m.estimable ? i + 1 : NONE}</td>
                    <td>{m.model}</td>
                    <td className="num">
                      {m.estimable ? (
                        count(Math.round(m.rating!))
                      ) : (
                        <span className="flag-warn">{REASONS[m.reason ?? ''] ?? m.reason}</span>
                      )}
                    </td>
                    <td className="num">
                      {m.ratingInterval
                        ? `${m.ratingInterval.lower === null ? '−∞' : count(Math.round(m.ratingInterval.lower))} – ${m.ratingInterval.upper === null ? '∞' : count(Math.round(m.ratingInterval.upper))}`
                        : NONE}
                    </td>
                    <td className="num">{m.elo === null ? NONE : count(Math.round(m.elo))}</td>
                    <td className="num">{percent(m.winRate)}</td>
                    <td className="num">
                      {count(m.wins)} / {count(m.losses)} / {count(m.ties)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="hint">
              Ratings on the Elo scale (400 · log₁₀ odds, 1000 = average). Ties count half a win for
              each side; both-bad
              {lb.bothBadAsTie ? ' counts as a tie' : ' is left out'}. Elo is Chatbot Arena’s online
              Elo (K = 4) in judgment order.
            </p>
          </section>
          <div className="panel-row">
            <section className="panel">
              <h2>Strength with 95% bootstrap intervals</h2>
              <Chart
                build={build}
                testId="leaderboard-chart"
                label="Bradley–Terry ratings with intervals"
              />
            </section>
            <section className="panel">
              <h2>Win rate, row against column</h2>
              <table className="data heatmap" data-testid="win-rate-matrix">
                <thead>
                  <tr>
                    <th />
                    {lb.winRates.models.map((m) => (
                      <th key={m}>{m}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {lb.winRates.rate.map((row, a) => (
                    <tr key={lb.winRates.models[a]}>
                      <th>{lb.winRates.models[a]}</th>
                      {row.map((v, b) => (
                        <td
                          key={b}
                          className="cell"
                          style={v === null ? undefined : heat(2 * v - 1, dark)}
                          title={
                            a === b
                              ? ''
                              : v === null
                                ? WHY.noComparisons
                                : `${lb.winRates.models[a]} won ${percent(v)} of ${plural(lb.winRates.count[a]![b]!, 'comparison')} with ${lb.winRates.models[b]}`
                          }
                        >
                          {a === b || v === null ? NONE : percent(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <JudgeLeaderboards lb={lb} />
        </>
      ) : null}
    </main>
  );
}
