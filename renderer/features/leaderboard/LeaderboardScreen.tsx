import { useCallback, useEffect } from 'react';
import type uPlot from 'uplot';
import { axis, Chart, fitToLabels, useChartTheme, whiskers } from '../../components/Chart';
import { useAppStoreShallow, useStoreApi } from '../../state/store';
import { heat, pct } from '../review/format';

const REASONS: Record<string, string> = {
  'never-lost': 'not estimable: never lost',
  'never-won': 'not estimable: never won',
  separated: 'not estimable: not connected to the others by wins and losses',
  'no-comparisons': 'no comparisons',
};

/** Model strengths from the judgments: Bradley–Terry with bootstrap intervals, Elo, win rates. */
export function LeaderboardScreen() {
  const s = useAppStoreShallow((st) => ({
    lb: st.leaderboard,
    stale: st.leaderboardStale,
    jobs: st.jobs,
    refresh: st.refreshLeaderboard,
    load: st.loadLeaderboard,
  }));
  const store = useStoreApi();
  const { load, refresh } = s;
  useEffect(() => {
    void (async () => {
      await load();
      const st = store.getState();
      if (
        !st.leaderboard &&
        !st.jobs.some((j) => j.kind === 'leaderboard' && j.status === 'running')
      )
        await refresh();
    })();
  }, [load, refresh, store]);
  const theme = useChartTheme();
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const running = s.jobs.some((j) => j.kind === 'leaderboard' && j.status === 'running');
  const models = (s.lb?.models ?? []).filter((m) => m.estimable);
  const build = useCallback(
    () => ({
      options: {
        scales: { x: { time: false, range: [-0.5, models.length - 0.5] as [number, number] } },
        axes: [
          axis(theme, {
            values: (_u: uPlot, ticks: number[]) =>
              ticks.map((t) => (Number.isInteger(t) ? (models[t]?.model ?? '') : '')),
            incrs: [1],
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
        <span className="hint">
          {running
            ? 'Computing…'
            : lb
              ? `${lb.comparisons} comparisons; ${lb.bootstrapRounds} bootstrap rounds${s.stale ? ' — judgments changed since' : ''}`
              : ''}
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
      {lb && lb.models.length === 0 ? (
        <p className="panel" data-testid="leaderboard-empty">
          No model comparisons: the responses carry no model names, or nothing is judged yet. The
          leaderboard needs responses with a <code>model</code>.
        </p>
      ) : null}
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
                  <th className="num">W / L / T</th>
                </tr>
              </thead>
              <tbody>
                {lb.models.map((m, i) => (
                  <tr key={m.model} data-model={m.model}>
                    <td>{m.estimable ? i + 1 : ''}</td>
                    <td>{m.model}</td>
                    <td className="num">
                      {m.estimable ? (
                        m.rating!.toFixed(0)
                      ) : (
                        <span className="flag-warn">{REASONS[m.reason ?? ''] ?? m.reason}</span>
                      )}
                    </td>
                    <td className="num">
                      {m.ratingInterval
                        ? `${m.ratingInterval.lower === null ? '−∞' : m.ratingInterval.lower.toFixed(0)} – ${m.ratingInterval.upper === null ? '∞' : m.ratingInterval.upper.toFixed(0)}`
                        : ''}
                    </td>
                    <td className="num">{m.elo === null ? '' : m.elo.toFixed(0)}</td>
                    <td className="num">{pct(m.winRate)}</td>
                    <td className="num">
                      {m.wins} / {m.losses} / {m.ties}
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
                          title={`${lb.winRates.count[a]![b]} comparisons`}
                        >
                          {a === b ? '—' : v === null ? '' : pct(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </>
      ) : null}
    </main>
  );
}
