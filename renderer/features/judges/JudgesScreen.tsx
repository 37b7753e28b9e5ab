import { useEffect, useRef, useState } from 'react';
import type { SuggestionSettings } from '../../../shared/api/methods/judges';
import { uploadFile } from '../../api/upload';
import { count, NONE, percent, plural } from '../../format';
import { useAppStoreShallow } from '../../state/store';
import { JudgeRunPanel } from './JudgeRunPanel';

const KINDS: Record<string, string> = {
  llm: 'LLM judge',
  'reward-model': 'Reward model',
  dataset: 'The dataset’s verdicts',
};

/**
 * The lead's desk for judges: the project's judges, running and testing an LLM judge, the
 * prompt template, importing verdicts, the suggestion setting and the triage order. Judges
 * never count as labellers; their figures against the people are on the Review screen.
 */
export function JudgesScreen() {
  const s = useAppStoreShallow((st) => ({
    judges: st.judges,
    error: st.judgesError,
    loadJudges: st.loadJudges,
    loadTemplate: st.loadJudgeTemplate,
    loadSuggestions: st.loadJudgeSuggestions,
    loadTriage: st.loadTriage,
  }));
  const { loadJudges, loadTemplate, loadSuggestions, loadTriage } = s;
  useEffect(() => {
    void loadJudges();
    void loadTemplate();
    void loadSuggestions();
    void loadTriage(0);
  }, [loadJudges, loadTemplate, loadSuggestions, loadTriage]);

  return (
    <main className="judges" data-testid="judges-screen">
      {s.error ? (
        <p role="alert" className="error" data-testid="judges-error">
          {s.error}
        </p>
      ) : null}
      <div className="panel-row">
        <JudgeRunPanel />
        <JudgeList />
      </div>
      <div className="panel-row">
        <ImportPanel />
        <SuggestionsPanel />
      </div>
      <TemplatePanel />
      <TriagePanel />
    </main>
  );
}

function JudgeList() {
  const judges = useAppStoreShallow((st) => ({ j: st.judges })).j;
  return (
    <section className="panel">
      <h2>Judges</h2>
      {judges && judges.length === 0 ? (
        <p className="hint" data-testid="judges-empty">
          No judges yet. Run an LLM judge, import a file of verdicts, or turn the verdicts the
          dataset brought with it into judges. Judges never count as labellers: Review measures them
          against the people.
        </p>
      ) : (
        <table className="data" data-testid="judges-list">
          <thead>
            <tr>
              <th>Judge</th>
              <th>Model</th>
              <th className="num" title="The prompt template version it was run with">
                Template
              </th>
              <th className="num">Verdicts</th>
              <th className="num" title="Replies that held no verdict">
                No verdict
              </th>
              <th>Last added</th>
            </tr>
          </thead>
          <tbody>
            {(judges ?? []).map((j) => (
              <tr key={j.name} data-judge={j.name}>
                <td>
                  <span data-content="judge-name">{j.name}</span>
                  <div className="hint">{KINDS[j.kind] ?? j.kind}</div>
                </td>
                <td>{j.model === null ? NONE : <span data-content="model">{j.model}</span>}</td>
                <td className="num">
                  {j.templateVersion === null ? NONE : `v${j.templateVersion}`}
                </td>
                <td className="num" data-testid="judge-verdicts">
                  {count(j.verdicts)}
                </td>
                <td className="num">{count(j.noVerdict)}</td>
                <td title={`Made ${new Date(j.createdAt).toLocaleString()}`}>
                  {new Date(j.updatedAt).toLocaleString()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ImportPanel() {
  const s = useAppStoreShallow((st) => ({
    host: st.host,
    job: st.judgeImportJob,
    fromSource: st.judgeFromSource,
    importVerdicts: st.importJudgeVerdicts,
    judgesFromSource: st.judgesFromSource,
    pickFile: st.pickJudgeVerdictsFile,
  }));
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = s.job;
  const running = job?.status === 'running' || uploading !== null;

  function chooseFile() {
    setError(null);
    // The desktop app's own dialog registers the file in place; the browser uploads it.
    if (s.host === 'electron') void s.pickFile();
    else input.current?.click();
  }

  async function upload(file: File) {
    setError(null);
    setUploading(file.name);
    try {
      const { uploadId } = await uploadFile(file);
      await s.importVerdicts(uploadId);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploading(null);
    }
  }

  const r = job?.result ?? null;
  return (
    <section className="panel" data-testid="judges-import">
      <h2>Import verdicts</h2>
      <p className="hint">
        A JSON Lines file, one verdict a line:{' '}
        <code>{'{"itemId": "q1", "judge": "gpt-4o-judge", "chosen": 1, "rejected": 0}'}</code>. A
        bad line stops the import and nothing is written.
      </p>
      <div className="choice-row">
        <input
          ref={input}
          type="file"
          hidden
          accept=".jsonl,.json,.gz,.txt"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }}
          data-testid="judges-import-file"
        />
        <button
          type="button"
          disabled={running}
          onClick={chooseFile}
          data-testid="judges-import-choose"
        >
          Choose a verdicts file…
        </button>
        <button
          type="button"
          onClick={() => void s.judgesFromSource()}
          data-testid="judges-from-source"
          title="TRL chosen/rejected, an arena winner, ranks, scores or annotations the dataset came with"
        >
          From the dataset’s verdicts
        </button>
      </div>
      {uploading ? <p className="hint">Uploading {uploading}…</p> : null}
      {job?.status === 'running' ? (
        <p className="hint">
          Importing… {count(job.done)}
          {job.total !== null ? ` of ${count(job.total)}` : ''}
        </p>
      ) : null}
      {error || job?.status === 'failed' ? (
        <p role="alert" className="error" data-testid="judges-import-error">
          The file was not imported: {error ?? job?.error}
        </p>
      ) : null}
      {r ? (
        <p data-testid="judges-import-summary">
          {plural(r.added, 'verdict')} added
          {r.alreadyPresent ? `, ${count(r.alreadyPresent)} already there` : ''}
          {r.duplicates ? `, ${count(r.duplicates)} repeated in the file` : ''}:{' '}
          {r.judges
            .map((j) => `${j.name} (${count(j.added)}${j.created ? ', new' : ''})`)
            .join(', ') || 'no judges'}
          .
        </p>
      ) : null}
      {s.fromSource ? (
        <p data-testid="judges-from-source-summary">
          {s.fromSource.judges.length === 0
            ? 'The dataset brought no verdicts of its own.'
            : `${s.fromSource.judges.map((j) => `${j.name}: ${count(j.added)} added${j.alreadyPresent ? `, ${count(j.alreadyPresent)} already there` : ''}`).join('; ')}.`}
          {s.fromSource.undecided
            ? ` ${plural(s.fromSource.undecided, 'pair')} split evenly got no verdict.`
            : ''}
        </p>
      ) : null}
    </section>
  );
}

const MODES: Array<[SuggestionSettings['mode'], string, string]> = [
  ['off', 'Off', 'Labellers never see a judge’s verdict (no anchoring)'],
  ['after', 'After judging', 'Shown once the labeller has judged the item'],
  ['before', 'Before judging', 'Shown with the item'],
];

function SuggestionsPanel() {
  const s = useAppStoreShallow((st) => ({
    settings: st.judgeSuggestions,
    judges: st.judges,
    save: st.setJudgeSuggestions,
  }));
  const current = s.settings ?? { mode: 'off' as const, judge: null };
  const names = (s.judges ?? []).map((j) => j.name);
  const judge = current.judge ?? names[0] ?? null;
  return (
    <section className="panel" data-testid="judges-suggestions">
      <h2>Suggestions while labelling</h2>
      <div className="choice-row" role="radiogroup" aria-label="When labellers see a suggestion">
        {MODES.map(([mode, label, title]) => (
          <button
            key={mode}
            type="button"
            title={title}
            aria-pressed={current.mode === mode}
            disabled={mode !== 'off' && judge === null}
            onClick={() => void s.save({ mode, judge: mode === 'off' ? current.judge : judge })}
            data-testid={`suggestions-${mode}`}
          >
            {label}
          </button>
        ))}
      </div>
      <label className="inline-field">
        Whose verdict
        <select
          value={judge ?? ''}
          disabled={names.length === 0}
          onChange={(e) => void s.save({ mode: current.mode, judge: e.target.value })}
          data-testid="suggestions-judge"
        >
          {names.length === 0 ? <option value="">no judges yet</option> : null}
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">
        {MODES.find(([m]) => m === current.mode)?.[2]}. Verdicts made with a suggestion on screen
        are recorded as such, so Review can compare them with the rest.
      </p>
    </section>
  );
}

function TemplatePanel() {
  const s = useAppStoreShallow((st) => ({
    template: st.judgeTemplate,
    save: st.saveJudgeTemplate,
  }));
  const [text, setText] = useState<string | null>(null);
  const t = s.template;
  const shown = text ?? t?.text ?? '';
  const changed = t !== null && text !== null && text !== t.text;
  return (
    <section className="panel" data-testid="judges-template">
      <details>
        <summary>
          <strong>Prompt template</strong>{' '}
          <span className="hint" data-testid="judges-template-version">
            {t ? `version ${t.version}${t.isDefault ? ' (the default)' : ''}` : NONE}
          </span>
        </summary>
        <p className="hint">
          <code data-content="template">{'{{prompt}}'}</code>,{' '}
          <code data-content="template">{'{{response_a}}'}</code> and{' '}
          <code data-content="template">{'{{response_b}}'}</code> are filled in; the reply must end
          with a line <code>VERDICT: A</code>, B, TIE or BOTH BAD. Each change is the next version;
          a judge keeps the version it was run with.
        </p>
        <textarea
          className="judge-template"
          rows={12}
          value={shown}
          onChange={(e) => setText(e.target.value)}
          data-content="template"
          aria-label="Prompt template"
          data-testid="judges-template-text"
        />
        <div className="choice-row">
          <button
            type="button"
            className="primary"
            disabled={!changed}
            onClick={() => void s.save(shown).then(() => setText(null))}
            data-testid="judges-template-save"
          >
            Save as the next version
          </button>
          <button type="button" disabled={!changed} onClick={() => setText(null)}>
            Discard changes
          </button>
        </div>
      </details>
    </section>
  );
}

const TIERS: Record<number, string> = {
  2: 'Judges disagree',
  1: 'A judge flipped with the order',
  0: 'Judges agree',
  [-1]: 'No judge verdict',
};

const PAGE = 50;

function TriagePanel() {
  const s = useAppStoreShallow((st) => ({
    triage: st.triage,
    team: st.team,
    loadTriage: st.loadTriage,
    loadTeam: st.loadTeam,
    assign: st.assign,
  }));
  const { loadTeam } = s;
  useEffect(() => void loadTeam(), [loadTeam]);
  const [picked, setPicked] = useState<string[]>([]);
  const [overlap, setOverlap] = useState(2);
  const [planned, setPlanned] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = s.triage;
  const members = s.team?.members ?? [];

  async function assign() {
    setError(null);
    try {
      setPlanned(
        await s.assign({
          labellerIds: picked,
          overlap,
          repeatRate: 0,
          repeatGap: 20,
          order: 'triage',
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className="panel" data-testid="judges-triage">
      <h2>
        Triage{' '}
        <span className="hint">
          where people are needed most: judges disagree, flip with the order, or barely prefer one
          response
        </span>
      </h2>
      <div className="form-row">
        <fieldset className="judge-assignees">
          <legend>Assign in this order to</legend>
          {members.length === 0 ? <span className="hint">no labellers yet (Team tab)</span> : null}
          {members.map((m) => (
            <label key={m.id} className="inline-check">
              <input
                type="checkbox"
                checked={picked.includes(m.id)}
                onChange={(e) =>
                  setPicked(e.target.checked ? [...picked, m.id] : picked.filter((x) => x !== m.id))
                }
              />
              {m.name}
            </label>
          ))}
        </fieldset>
        <label>
          Labellers per item
          <input
            type="number"
            min={1}
            max={Math.max(1, picked.length)}
            value={overlap}
            onChange={(e) => setOverlap(Math.max(1, Math.trunc(Number(e.target.value)) || 1))}
          />
        </label>
        <button
          type="button"
          disabled={picked.length === 0 || overlap > picked.length}
          onClick={() => void assign()}
          data-testid="triage-assign"
          title="Replaces the current assignment: each labeller’s queue starts with the items at the top of this list"
        >
          Assign in triage order
        </button>
      </div>
      {planned ? <p data-testid="triage-assigned">{planned}</p> : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {t && t.total === 0 ? (
        <p className="hint">No items in the project.</p>
      ) : t ? (
        <>
          <table className="data" data-testid="triage-list">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Item</th>
                <th>Why</th>
                <th className="num" title="Share of judge pairs that disagree on the item">
                  Disagreement
                </th>
                <th className="num" title="The smallest reward-score margin on the item">
                  Score margin
                </th>
                <th className="num">Judges</th>
              </tr>
            </thead>
            <tbody>
              {t.entries.map((e, i) => (
                <tr key={e.itemId} data-item-id={e.itemId}>
                  <td className="num">{count(t.offset + i + 1)}</td>
                  <td>
                    <span data-content="item-id">{e.itemId}</span>
                  </td>
                  <td>
                    {TIERS[e.tier] ?? NONE}
                    {e.flipped.length ? (
                      <span className="hint" data-content="judge-name">
                        {' '}
                        ({e.flipped.join(', ')})
                      </span>
                    ) : null}
                  </td>
                  <td
                    className="num"
                    title={
                      e.disagreement === null ? 'fewer than two judges have a verdict' : undefined
                    }
                  >
                    {percent(e.disagreement, 0)}
                  </td>
                  <td className="num" title={e.margin === null ? 'no reward scores' : undefined}>
                    {e.margin === null ? NONE : e.margin.toFixed(3)}
                  </td>
                  <td className="num">{count(e.judges)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {t.total > PAGE ? (
            <div className="choice-row">
              <button
                type="button"
                disabled={t.offset === 0}
                onClick={() => void s.loadTriage(Math.max(0, t.offset - PAGE))}
              >
                ‹ Previous
              </button>
              <span className="hint">
                {count(t.offset + 1)}–{count(Math.min(t.total, t.offset + PAGE))} of{' '}
                {count(t.total)}
              </span>
              <button
                type="button"
                disabled={t.offset + PAGE >= t.total}
                onClick={() => void s.loadTriage(t.offset + PAGE)}
              >
                Next ›
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
