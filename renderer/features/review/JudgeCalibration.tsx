import type { ReactNode } from 'react';
import type { AgreementReport, JudgeCalibration } from '../../../shared/analysis/report';
import { count, decimal, NONE, percent, plural } from '../../format';
import { peerAgreement } from '../../model/peer-agreement';

const LABELS = ['A better', 'B better', 'Tie', 'Both bad'];

/** A figure, or "—" with why beside it (never 0, never an internal token). */
function Value(props: { value: string; missing: boolean; why: string; testId?: string }) {
  return props.missing ? (
    <span data-testid={props.testId} title={props.why}>
      {NONE} <span className="hint">({props.why})</span>
    </span>
  ) : (
    <span data-testid={props.testId}>{props.value}</span>
  );
}

const agreementWhy = (items: number) =>
  items === 0 ? 'no item judged by both' : 'cannot be computed';
const kappaWhy = (items: number) =>
  items === 0
    ? 'no item judged by both'
    : 'cannot be computed (for instance when every verdict is the same)';

/**
 * Each judge measured against the people, beside the people's agreement with each other:
 * agreement and κ with the human majority and with each labeller, the confusion matrix,
 * position bias with its 95% interval, order consistency, anchoring and per-slice agreement.
 */
export function JudgeCalibrationPanels({
  report,
  onSliceBy,
}: {
  report: AgreementReport;
  /** Compute again with each judge's agreement sliced by this metadata field (null: none). */
  onSliceBy: (field: string | null) => void;
}) {
  if (report.judges.length === 0) return null;
  return (
    <section className="judge-calibration" data-testid="judge-calibration">
      <h2>Judges against the people</h2>
      <p className="hint">
        Over the items both the judge and people judged. A judge agreeing with each labeller about
        as often as the labellers agree with each other is as good as another person.
      </p>
      <form
        className="choice-row judge-slice-form"
        onSubmit={(e) => {
          e.preventDefault();
          const field = new FormData(e.currentTarget).get('field');
          onSliceBy(typeof field === 'string' && field.trim() ? field.trim() : null);
        }}
      >
        <label>
          Agreement by item metadata field{' '}
          <input
            name="field"
            defaultValue={report.judgeSlicesBy ?? ''}
            placeholder="category"
            data-testid="judge-slice-field"
          />
        </label>
        <button type="submit" data-testid="judge-slice-apply">
          Slice
        </button>
      </form>
      <div className="panel-row">
        {report.judges.map((j) => (
          <JudgePanel key={j.name} judge={j} report={report} />
        ))}
      </div>
    </section>
  );
}

function JudgePanel({ judge: j, report }: { judge: JudgeCalibration; report: AgreementReport }) {
  const m = j.vsHumanMajority;
  const names = new Map(report.labellers.map((l, i) => [l.id, { name: l.name, index: i }]));
  return (
    <section className="panel" data-testid="judge-figures" data-judge={j.name}>
      <h3>
        <span data-content="judge-name">{j.name}</span>{' '}
        <span className="hint">
          {j.model ? <span data-content="model">{j.model}</span> : null}
          {j.model ? '; ' : ''}
          {plural(j.verdicts, 'verdict')}, {count(j.noVerdict)} without one
        </span>
      </h3>
      <table className="data">
        <tbody>
          <Row label="Agreement with the human majority">
            <Value
              value={percent(m.agreement)}
              missing={m.agreement === null}
              why={agreementWhy(m.items)}
              testId="judge-majority-agreement"
            />
          </Row>
          <Row label="Cohen’s κ with the human majority">
            <Value
              value={decimal(m.kappa, 3)}
              missing={m.kappa === null}
              why={kappaWhy(m.items)}
              testId="judge-majority-kappa"
            />
          </Row>
          <Row label="Items with a human majority">
            <span data-testid="judge-majority-items">{count(m.items)}</span>
          </Row>
          <Row label="Position bias (share to the response shown first)">
            <Value
              value={`${percent(j.positionBias.firstShownRate)}${
                j.positionBias.interval &&
                j.positionBias.interval.lower !== null &&
                j.positionBias.interval.upper !== null
                  ? ` (95% interval ${percent(j.positionBias.interval.lower)}–${percent(j.positionBias.interval.upper)})`
                  : ''
              } of ${plural(j.positionBias.n, 'verdict')}`}
              missing={j.positionBias.firstShownRate === null}
              why="no decisive verdict whose order is known"
              testId="judge-position-bias"
            />
          </Row>
          <Row label="Order consistency">
            <Value
              value={`${percent(j.orderConsistency?.rate)} of ${plural(j.orderConsistency?.pairs ?? 0, 'pair')}`}
              missing={j.orderConsistency === null || j.orderConsistency.rate === null}
              why="never judged a pair in both orders"
              testId="judge-order-consistency"
            />
          </Row>
          <Row label="People’s agreement with it, suggestion on screen / not">
            <Value
              value={`${percent(j.anchoring.anchored.agreement)} (${plural(j.anchoring.anchored.n, 'verdict')})`}
              missing={j.anchoring.anchored.agreement === null}
              why="no verdict made with its suggestion on screen"
            />
            {' / '}
            <Value
              value={`${percent(j.anchoring.unanchored.agreement)} (${plural(j.anchoring.unanchored.n, 'verdict')})`}
              missing={j.anchoring.unanchored.agreement === null}
              why="no verdict made without it"
            />
          </Row>
        </tbody>
      </table>

      <h3>Against each labeller</h3>
      {j.vsLabellers.length === 0 ? (
        <p className="hint">{NONE}: no labeller has judged an item this judge judged.</p>
      ) : (
        <table className="data" data-testid="judge-vs-labellers">
          <thead>
            <tr>
              <th>Labeller</th>
              <th className="num">Items</th>
              <th className="num">Judge agrees</th>
              <th className="num">Judge κ</th>
              <th
                className="num"
                title="This labeller’s agreement with the other labellers, pooled over the items they share"
              >
                Other people agree
              </th>
              <th className="num">People κ</th>
            </tr>
          </thead>
          <tbody>
            {j.vsLabellers.map((v) => {
              const who = names.get(v.labellerId);
              const peers = who ? peerAgreement(report.pairs, who.index) : null;
              return (
                <tr key={v.labellerId} data-labeller={who?.name ?? v.labellerId}>
                  <td>{who?.name ?? v.labellerId}</td>
                  <td className="num">{count(v.items)}</td>
                  <td className="num">
                    <Value
                      value={percent(v.agreement)}
                      missing={v.agreement === null}
                      why={agreementWhy(v.items)}
                    />
                  </td>
                  <td className="num">
                    <Value
                      value={decimal(v.kappa, 3)}
                      missing={v.kappa === null}
                      why={kappaWhy(v.items)}
                    />
                  </td>
                  <td className="num">
                    <Value
                      value={percent(peers?.agreement)}
                      missing={peers?.agreement == null}
                      why={
                        peers && peers.items > 0
                          ? 'cannot be computed'
                          : 'shares no item with another labeller'
                      }
                    />
                  </td>
                  <td className="num">
                    <Value
                      value={decimal(peers?.kappa, 3)}
                      missing={peers?.kappa == null}
                      why={
                        peers && peers.items > 0
                          ? 'cannot be computed'
                          : 'shares no item with another labeller'
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h3>Confusion with the human majority</h3>
      <table className="data confusion" data-testid="judge-confusion">
        <thead>
          <tr>
            <th title="Rows: the judge; columns: the human majority">Judge ╲ people</th>
            {LABELS.map((l) => (
              <th key={l} className="num">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.confusion.map((row, a) => (
            <tr key={a}>
              <th>{LABELS[a] ?? NONE}</th>
              {row.map((n, b) => (
                <td key={b} className={`num${a === b ? ' diagonal' : ''}`}>
                  {count(n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">A is the pair’s lower-numbered response.</p>

      {j.slices ? (
        <>
          <h3>
            By <span data-content="field">{report.judgeSlicesBy ?? NONE}</span>
          </h3>
          <table className="data" data-testid="judge-slices">
            <thead>
              <tr>
                <th>Value</th>
                <th className="num">Items</th>
                <th className="num">Agreement</th>
                <th className="num">κ</th>
              </tr>
            </thead>
            <tbody>
              {j.slices.map((sl) => (
                <tr key={sl.value ?? '\u0000'}>
                  <td>
                    {sl.value === null ? (
                      <span className="hint">without it</span>
                    ) : (
                      <span data-content="value">{sl.value}</span>
                    )}
                  </td>
                  <td className="num">{count(sl.items)}</td>
                  <td className="num">
                    <Value
                      value={percent(sl.agreement)}
                      missing={sl.agreement === null}
                      why={agreementWhy(sl.items)}
                    />
                  </td>
                  <td className="num">
                    <Value
                      value={decimal(sl.kappa, 3)}
                      missing={sl.kappa === null}
                      why={kappaWhy(sl.items)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <td>{label}</td>
      <td className="num">{children}</td>
    </tr>
  );
}
