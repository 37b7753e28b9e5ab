import type { Leaderboard } from '../../../shared/analysis/report';
import { count, decimal, NONE, plural } from '../../format';

/**
 * Each judge's leaderboard from its own verdicts, beside the people's: the rank the people
 * give each model, the judge's rating and rank, and Kendall's τ-b between the two orders.
 */
export function JudgeLeaderboards({ lb }: { lb: Leaderboard }) {
  if (lb.judges.length === 0) return null;
  const peopleRank = new Map(
    lb.models.filter((m) => m.estimable).map((m, i) => [m.model, i + 1] as const),
  );
  return (
    <div className="panel-row" data-testid="judge-leaderboards">
      {lb.judges.map((j) => {
        const rated = j.models.filter((m) => m.estimable);
        return (
          <section className="panel" key={j.name} data-judge={j.name}>
            <h2>
              Judge <span data-content="judge-name">{j.name}</span>{' '}
              <span className="hint">({plural(j.comparisons, 'comparison')})</span>
            </h2>
            <p data-testid="judge-kendall-tau">
              Kendall’s τ with the people’s order:{' '}
              {j.kendallTau === null ? (
                <span title="needs two or more models rated by both">
                  {NONE}{' '}
                  <span className="hint">
                    (needs two or more models rated by both; {count(j.modelsCompared)} so far)
                  </span>
                </span>
              ) : (
                <strong>
                  {decimal(j.kendallTau, 3)}{' '}
                  <span className="hint">over {plural(j.modelsCompared, 'model')}</span>
                </strong>
              )}
            </p>
            {rated.length === 0 ? (
              <p className="hint">{NONE}: its verdicts rate no model yet.</p>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th className="num">Judge’s rank</th>
                    <th>Model</th>
                    <th className="num">Rating</th>
                    <th className="num">People’s rank</th>
                  </tr>
                </thead>
                <tbody>
                  {rated.map((m, i) => (
                    <tr key={m.model}>
                      <td className="num">{i + 1}</td>
                      <td>{m.model}</td>
                      <td className="num">{count(Math.round(m.rating!))}</td>
                      <td className="num">
                        {peopleRank.has(m.model) ? peopleRank.get(m.model) : NONE}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
