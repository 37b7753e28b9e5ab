import { useEffect, useRef, type ReactNode } from 'react';
import type { ExportPreview, ExportResult } from '../../../shared/api/contract';
import {
  aggregates,
  carriesTies,
  EXPORT_FORMAT_IDS,
  EXPORT_FORMATS,
  formatSpec,
  isPairFormat,
  type ExportFormat,
} from '../../../shared/export/formats';
import { count, decimal, NONE, percent, plural } from '../../format';
import { useAppStoreShallow } from '../../state/store';
import type { ExportForm, ExportJob, ExportPreviewState } from '../../state/export-slice';

/** The format choice, from the one table of formats (label, then the line beside it). */
const FORMATS = EXPORT_FORMAT_IDS.map(
  (f) => [f, EXPORT_FORMATS[f].label, EXPORT_FORMATS[f].hint] as [ExportFormat, string, string],
);

const CONTAINERS: Array<[ExportForm['container'], string]> = [
  ['jsonl', 'JSON Lines'],
  ['jsonl.gz', 'JSON Lines, gzip'],
  ['parquet', 'Parquet'],
  ['folder', 'Dataset folder (Parquet + card, for the Hugging Face hub)'],
];

const POLICIES: Array<[ExportForm['policy'], string]> = [
  ['each', 'Each judgment'],
  ['majority', 'Majority vote'],
  ['unanimous', 'Unanimous only'],
  ['adjudicated', 'Adjudicated first'],
  ['mean', 'Mean strength'],
];

const TIES: Array<[ExportForm['ties'], string]> = [
  ['drop', 'Leave out'],
  ['keep', 'Keep'],
];

const RANK_PAIRS: Array<[ExportForm['rankPairs'], string]> = [
  ['all', 'All pairs'],
  ['best-vs-each', 'Best vs each'],
  ['best-vs-worst', 'Best vs worst'],
  ['adjacent', 'Adjacent'],
];

/** Why there is nothing to export, in plain words with the next step; null when there is. */
function nothingToExport(
  project: { items: number; judgments: number } | null,
  preview: ExportPreview | null,
  form: ExportForm,
): { title: string; next: string } | null {
  if (project?.items === 0)
    return {
      title: 'This project has no items yet',
      next: 'Import a dataset on the Import tab, label it, then export the judgments here.',
    };
  const filtered = form.labellers.length > 0 || form.from !== '' || form.to !== '';
  if (project?.judgments === 0 || (preview && preview.judgments === 0 && !filtered))
    return {
      title: 'Nothing to export yet',
      next: 'No one has judged an item in this project. Label some items on the Label tab, or merge labellers’ work on the Team tab; the export then writes their judgments.',
    };
  return null;
}

/**
 * The export dialog: format, destination, policy, filters and split on the left; a live
 * preview (first rows, counts, rows per policy) on the right; the action below, always in
 * view. In the browser the finished file downloads by itself.
 */
export function ExportPanel() {
  const s = useAppStoreShallow((st) => ({
    form: st.exportForm,
    choices: st.exportChoices,
    preview: st.exportPreview,
    project: st.exportProject,
    job: st.exportJob,
    host: st.host,
    setForm: st.setExportForm,
    setExportOpen: st.setExportOpen,
    start: st.startExport,
    cancel: st.cancelExport,
  }));
  const { form, setForm, job } = s;
  const running = job?.status === 'running';
  const close = () => s.setExportOpen(false);
  const pairs = isPairFormat(form.format);
  const empty = nothingToExport(s.project, s.preview.data, form);
  return (
    <div className="dialog-backdrop">
      <section
        className="dialog export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <h2 id="export-title">Export</h2>
        <div className="export-columns">
          <fieldset className="export-options" disabled={running}>
            <Choice
              label="Format"
              value={form.format}
              options={FORMATS}
              onChange={(format) => setForm({ format })}
              testId="export-format"
            />
            <span className="hint">{FORMATS.find(([v]) => v === form.format)?.[2]}</span>
            {formatSpec(form.format).conversational === 'optional' ? (
              <Check
                label="Conversational (messages)"
                checked={form.conversational}
                onChange={(conversational) => setForm({ conversational })}
                testId="export-chat"
              />
            ) : null}
            <Choice
              label="Container"
              value={form.container}
              options={CONTAINERS}
              onChange={(container) => setForm({ container })}
              testId="export-container"
            />
            {s.host === 'browser' ? (
              <p className="hint">
                Written to the project’s exports folder; your browser then downloads it by itself (a
                folder or a split comes as one zip).
              </p>
            ) : (
              <Field label="Save to (optional)">
                <input
                  type="text"
                  value={form.out}
                  placeholder="the project’s exports folder"
                  onChange={(e) => setForm({ out: e.target.value })}
                  data-testid="export-out"
                />
              </Field>
            )}

            {aggregates(form.format) ? (
              <div className="export-row">
                <Choice
                  label="Policy"
                  value={form.policy}
                  options={POLICIES}
                  onChange={(policy) => setForm({ policy })}
                  testId="export-policy"
                />
                <NumberField
                  label="Min votes"
                  value={form.minVotes}
                  min={1}
                  max={1000}
                  onChange={(minVotes) => setForm({ minVotes })}
                  testId="export-min-votes"
                />
              </div>
            ) : null}
            {aggregates(form.format) ? (
              <div className="export-row">
                <Choice
                  label="Ties and both-bad"
                  value={carriesTies(form.format) ? form.ties : 'drop'}
                  disabled={!carriesTies(form.format)}
                  options={TIES}
                  onChange={(ties) => setForm({ ties })}
                  testId="export-ties"
                />
                <Choice
                  label="Rankings to pairs"
                  value={form.rankPairs}
                  options={RANK_PAIRS}
                  onChange={(rankPairs) => setForm({ rankPairs })}
                  testId="export-rank-pairs"
                />
                <Choice
                  label="Criterion"
                  value={form.criterion}
                  options={[
                    ['', 'Overall'],
                    ...s.choices.criteria.map((c): [string, string] => [c, c]),
                  ]}
                  onChange={(criterion) => setForm({ criterion })}
                  testId="export-criterion"
                />
              </div>
            ) : null}

            {aggregates(form.format) && s.choices.judges.length > 0 ? (
              <JudgeFill form={form} judges={s.choices.judges} setForm={setForm} />
            ) : null}

            <details className="export-filters">
              <summary>Filters and split</summary>
              <Labellers form={form} preview={s.preview.data} setForm={setForm} />
              <div className="export-row">
                <Field label="Judged from">
                  <input
                    type="date"
                    value={form.from}
                    onChange={(e) => setForm({ from: e.target.value })}
                    data-testid="export-from"
                  />
                </Field>
                <Field label="to (inclusive)">
                  <input
                    type="date"
                    value={form.to}
                    onChange={(e) => setForm({ to: e.target.value })}
                    data-testid="export-to"
                  />
                </Field>
              </div>
              <div className="export-flags">
                <span>Leave out items flagged</span>
                {['*', ...s.choices.flags].map((f) => (
                  <Check
                    key={f}
                    label={f === '*' ? 'any flag' : f}
                    checked={form.excludeFlags.includes(f)}
                    onChange={(on) =>
                      setForm({
                        excludeFlags: on
                          ? [...form.excludeFlags, f]
                          : form.excludeFlags.filter((x) => x !== f),
                      })
                    }
                    testId={`export-flag-${f === '*' ? 'any' : f}`}
                  />
                ))}
              </div>
              <div className="export-row">
                <NumberField
                  label="Min agreement %"
                  value={form.minAgreementPct}
                  min={0}
                  max={100}
                  onChange={(minAgreementPct) => setForm({ minAgreementPct })}
                  testId="export-min-agreement"
                />
                <NumberField
                  label="Test split %"
                  value={form.testPct}
                  min={0}
                  max={90}
                  onChange={(testPct) => setForm({ testPct })}
                  testId="export-split"
                />
                <NumberField
                  label="Seed"
                  value={form.seed}
                  min={0}
                  max={2147483647}
                  onChange={(seed) => setForm({ seed })}
                  testId="export-seed"
                />
              </div>
              <Check
                label="Leave out gold items"
                checked={form.excludeGold}
                onChange={(excludeGold) => setForm({ excludeGold })}
                testId="export-exclude-gold"
              />
              {pairs || formatSpec(form.format).rows.kind === 'unpaired' ? (
                <p className="hint">
                  The split is by prompt: every row of a prompt goes to the same side.
                </p>
              ) : null}
            </details>
          </fieldset>
          {empty ? (
            <section className="export-preview empty-state" data-testid="export-empty">
              <h3>{empty.title}</h3>
              <p>{empty.next}</p>
            </section>
          ) : (
            <Preview state={s.preview} />
          )}
        </div>

        <footer className="export-footer">
          {job === null || (job.status === 'failed' && !job.jobId) ? (
            <>
              {job?.error ? (
                <p role="alert" className="error" data-testid="export-error">
                  {job.error}
                </p>
              ) : null}
              <div className="dialog-actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => void s.start()}
                  disabled={empty !== null}
                  title={empty ? empty.title : undefined}
                  data-testid="export-start"
                  autoFocus
                >
                  Export
                </button>
                <button type="button" onClick={close}>
                  Close
                </button>
              </div>
            </>
          ) : (
            <JobStatus job={job} host={s.host} onCancel={() => void s.cancel()} onClose={close} />
          )}
        </footer>
      </section>
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="export-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string, ...string[]]>;
  onChange: (value: T) => void;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <Field label={props.label}>
      <select
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value as T)}
        data-testid={props.testId}
      >
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A whole number kept within [min, max]; an empty or invalid entry counts as min. */
function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  testId: string;
}) {
  return (
    <Field label={props.label}>
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => {
          const n = Math.trunc(Number(e.target.value));
          props.onChange(
            Number.isFinite(n) ? Math.min(props.max, Math.max(props.min, n)) : props.min,
          );
        }}
        data-testid={props.testId}
      />
    </Field>
  );
}

function Check(props: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  testId: string;
}) {
  return (
    <label className="export-check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      {props.label}
    </label>
  );
}

/**
 * The judge policy: items no labeller judged take a judge's verdict, only where its measured
 * agreement with the human majority reaches the threshold (the export measures it first and
 * refuses otherwise, naming the figures).
 */
function JudgeFill(props: {
  form: ExportForm;
  judges: string[];
  setForm: (p: Partial<ExportForm>) => void;
}) {
  const { form, setForm } = props;
  const perCriterion = form.criterion !== '';
  return (
    <div className="export-row" data-testid="export-judge-fill">
      <Choice
        label="Fill unjudged items from"
        value={perCriterion ? '' : form.judge}
        disabled={perCriterion}
        options={[
          ['', 'No judge (people only)'],
          ...props.judges.map((j): [string, string] => [j, j]),
        ]}
        onChange={(judge) => setForm({ judge })}
        testId="export-judge"
      />
      {form.judge !== '' && !perCriterion ? (
        <>
          <NumberField
            label="if it agrees ≥ %"
            value={form.judgeMinAgreementPct}
            min={0}
            max={100}
            onChange={(judgeMinAgreementPct) => setForm({ judgeMinAgreementPct })}
            testId="export-judge-min-agreement"
          />
          <NumberField
            label="on at least (items)"
            value={form.judgeMinItems}
            min={1}
            max={1_000_000}
            onChange={(judgeMinItems) => setForm({ judgeMinItems })}
            testId="export-judge-min-items"
          />
        </>
      ) : null}
      {perCriterion ? (
        <span className="hint">A judge gives an overall verdict: choose Overall to use one.</span>
      ) : null}
    </div>
  );
}

function Labellers(props: {
  form: ExportForm;
  preview: ExportPreview | null;
  setForm: (p: Partial<ExportForm>) => void;
}) {
  const all = props.preview?.labellers ?? [];
  if (all.length < 2) return null;
  const chosen = props.form.labellers;
  return (
    <div className="export-flags">
      <span>Labellers {chosen.length ? '' : '(all)'}</span>
      {all.map((l) => (
        <Check
          key={l.id}
          label={l.name}
          checked={chosen.includes(l.id)}
          onChange={(on) =>
            props.setForm({
              labellers: on ? [...chosen, l.id] : chosen.filter((x) => x !== l.id),
            })
          }
          testId={`export-labeller-${l.name}`}
        />
      ))}
    </div>
  );
}

const EXCLUDED: Array<[keyof ExportResult['excluded'], string]> = [
  ['ties', 'ties'],
  ['bothBad', 'both-bad'],
  ['noMajority', 'without a majority'],
  ['notUnanimous', 'not unanimous'],
  ['tooFewVotes', 'too few votes'],
  ['lowAgreement', 'below agreement'],
  ['flagged', 'flagged'],
  ['gold', 'gold'],
  ['discarded', 'discarded'],
  ['silent', 'nothing on the criterion'],
  ['skipped', 'skips'],
  ['neutral', 'neutral ratings'],
  ['conflicting', 'conflicting'],
];

/** "3 ties, 1 both-bad …": the non-zero reasons, in a fixed order. */
function exclusions(e: ExportResult['excluded']): string {
  const parts = EXCLUDED.filter(([k]) => e[k] > 0).map(([k, what]) => `${count(e[k])} ${what}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

function Preview({ state }: { state: ExportPreviewState }) {
  const d = state.data;
  return (
    <section className="export-preview" data-testid="export-preview" data-status={state.status}>
      <h3>
        Preview {state.status === 'loading' ? <span className="hint">(updating…)</span> : null}
      </h3>
      {state.status === 'error' ? (
        <p role="alert" className="error" data-testid="export-preview-error">
          {state.error}
        </p>
      ) : null}
      {d ? (
        <>
          <p data-testid="export-preview-counts">
            <strong>{count(d.rows)}</strong> rows
            {d.options.split
              ? ` (train ${count(d.splits.train)}, test ${count(d.splits.test)})`
              : ''}{' '}
            from {count(d.judgments)} judgments on {count(d.items)} items. Left out:{' '}
            {exclusions(d.excluded)}.
          </p>
          {d.agreement.units > 0 ? (
            <p className="hint">
              Agreement {percent(d.agreement.percent)}, Krippendorff’s α{' '}
              {decimal(d.agreement.alphaNominal, 3)} over {plural(d.agreement.units, 'pair')} judged
              twice or more.
            </p>
          ) : null}
          {d.judgeFill ? (
            <p className="hint" data-testid="export-preview-judge">
              From judge <span data-content="judge-name">{d.judgeFill.judge}</span>:{' '}
              {plural(d.judgeFill.rows, 'row')} filling {plural(d.judgeFill.filledItems, 'item')};
              it agrees with the human majority {percent(d.judgeFill.agreement)} (κ{' '}
              {decimal(d.judgeFill.kappa, 3)}) on {plural(d.judgeFill.items, 'item')}, threshold{' '}
              {percent(d.judgeFill.minAgreement, 0)}.
              {d.rowSources
                ? ` Rows by source: ${Object.entries(d.rowSources)
                    .map(([k, n]) => `${k} ${count(n)}`)
                    .join(', ')}.`
                : ''}
            </p>
          ) : null}
          {d.policies.length > 1 ? (
            <table className="export-policies">
              <thead>
                <tr>
                  <th>Policy</th>
                  <th>Rows</th>
                </tr>
              </thead>
              <tbody>
                {d.policies.map((p) => (
                  <tr
                    key={p.policy}
                    className={p.policy === d.options.policy ? 'current' : undefined}
                    data-testid={`export-preview-policy-${p.policy}`}
                  >
                    <td>{POLICIES.find(([v]) => v === p.policy)?.[1]}</td>
                    <td>{count(p.rows)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {d.warnings.map((w) => (
            <p key={w} className="hint warning">
              {w}
            </p>
          ))}
          <div className="export-rows" data-testid="export-preview-rows" data-content="file">
            {d.sample.length === 0 ? <p className="hint">No rows.</p> : null}
            {d.sample.map((row, i) => (
              <dl key={i} className="export-row-preview">
                {d.columns.map((c) => (
                  <div key={c.name}>
                    <dt title={c.description}>{c.name}</dt>
                    {row[c.name] === null || row[c.name] === undefined || row[c.name] === '' ? (
                      <dd className="hint" title="Empty in the file">
                        {NONE}
                      </dd>
                    ) : (
                      <dd>{cellText(row[c.name])}</dd>
                    )}
                  </div>
                ))}
              </dl>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

/** A cell as short text: messages as "role: text" lines; long text cut (the file has it whole). */
function cellText(v: unknown): string {
  const cut = (t: string) => (t.length > 160 ? `${t.slice(0, 160)}…` : t);
  if (typeof v === 'string') return cut(v);
  if (
    Array.isArray(v) &&
    v.every((m) => m && typeof m === 'object' && 'role' in m && 'content' in m)
  )
    return (v as Array<{ role: string; content: string }>)
      .map((m) => `${m.role}: ${cut(m.content)}`)
      .join('\n');
  return cut(JSON.stringify(v) ?? 'null');
}

function JobStatus(props: {
  job: ExportJob;
  host: string | null;
  onCancel: () => void;
  onClose: () => void;
}) {
  const { job } = props;
  const download = useRef<HTMLAnchorElement>(null);
  const started = useRef<string | null>(null);
  const browser = props.host === 'browser';
  // The browser fetches the finished file by itself (GET /download/<job>): the link below is
  // followed once, as if clicked; it stays for a second copy. The desktop app wrote the file
  // where the person chose.
  useEffect(() => {
    if (!browser || job.status !== 'succeeded' || started.current === job.jobId) return;
    started.current = job.jobId;
    download.current?.click();
  }, [browser, job.status, job.jobId]);
  return (
    <div data-testid="export-status" data-status={job.status} className="export-status">
      {job.status === 'running' ? (
        <>
          <p>
            Exporting… {count(job.done)}
            {job.total !== null ? ` of ${count(job.total)}` : ''} judgments
          </p>
          <button type="button" onClick={props.onCancel} data-testid="export-cancel">
            Cancel
          </button>
        </>
      ) : null}
      {job.status === 'succeeded' && job.result ? (
        <>
          <p data-testid="export-summary">
            Wrote {job.result.rows} rows ({job.result.excluded.ties} ties and{' '}
            {job.result.excluded.bothBad} both-bad left out) to <code>{job.result.path}</code>
          </p>
          <p className="hint" data-testid="export-counts">
            {job.result.options.split
              ? `Train ${count(job.result.splits.train)}, test ${count(job.result.splits.test)}. `
              : ''}
            {plural(job.result.files.length, 'file')}. Left out: {exclusions(job.result.excluded)}.
          </p>
          {browser ? (
            <p className="hint" data-testid="export-downloading">
              Your browser is downloading it (see its downloads).{' '}
              <a
                ref={download}
                href={`/download/${encodeURIComponent(job.jobId)}`}
                download
                data-testid="export-download"
              >
                {job.result.container === 'folder' || job.result.files.length > 1
                  ? 'Download (zip)'
                  : 'Download'}
              </a>{' '}
              again if it did not start.
            </p>
          ) : null}
        </>
      ) : null}
      {job.status === 'failed' ? (
        <p role="alert" className="error">
          Export failed: {job.error}
        </p>
      ) : null}
      {job.status === 'cancelled' ? <p>Export cancelled; no file was written.</p> : null}
      {job.status !== 'running' ? (
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose} data-testid="export-close">
            Close
          </button>
        </div>
      ) : null}
    </div>
  );
}
