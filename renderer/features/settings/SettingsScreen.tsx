import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_STRENGTH_LABELS,
  TaskSettingsObject,
  type TaskSettings,
} from '../../../shared/domain/task';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { useAppStoreShallow } from '../../state/store';

type Draft = Omit<TaskSettings, 'version'>;

const SCALES = [
  { levels: 0, label: 'Binary: A or B (plus tie and both bad if allowed)' },
  { levels: 1, label: '1 level a side' },
  { levels: 2, label: '2 levels a side (5-point scale with a tie)' },
  { levels: 3, label: '3 levels a side (7-point scale with a tie)' },
  { levels: 4, label: '4 levels a side (8-point scale, as Llama 2)' },
];

/** How each kind of task reads in the editor and in the warning about switching. */
const MODE_NAMES: Record<TaskSettings['mode'], string> = {
  pairwise: 'Pairwise comparison',
  ranking: 'Ranking all responses',
  rating: 'Rating each response',
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The lead's screen: what labellers are asked to do (task settings) and the guidelines they
 * follow. Each save makes a new version, stored with every judgment made after it.
 */
export function SettingsScreen() {
  const s = useAppStoreShallow((st) => ({
    task: st.task,
    guidelines: st.guidelines,
    saveTask: st.saveTask,
    saveGuidelines: st.saveGuidelines,
    loadSettings: st.loadSettings,
    countJudgments: st.countJudgments,
  }));
  const { loadSettings } = s;
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  if (!s.task || !s.guidelines) return <main className="loading">Loading settings…</main>;
  return (
    <main className="settings" data-testid="settings">
      <TaskEditor task={s.task} save={s.saveTask} countJudgments={s.countJudgments} />
      <GuidelinesEditor
        markdown={s.guidelines.markdown}
        version={s.guidelines.version}
        save={s.saveGuidelines}
      />
    </main>
  );
}

/** A switch of the task's kind waiting for the lead's word, with what it means for the judgments made. */
interface PendingSwitch {
  draft: Draft;
  judgments: number;
  labellers: number;
}

function TaskEditor({
  task,
  save,
  countJudgments,
}: {
  task: TaskSettings;
  save: (t: Draft) => Promise<TaskSettings>;
  countJudgments: () => Promise<{ judgments: number; labellers: number }>;
}) {
  const { version: _v, ...initial } = task;
  const [t, setT] = useState<Draft>(initial);
  const [criteria, setCriteria] = useState(task.criteria.join('\n'));
  const [flags, setFlags] = useState(task.flags.join('\n'));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<PendingSwitch | null>(null);
  const pw = t.pairwise;
  const setPw = (p: Partial<Draft['pairwise']>) => setT({ ...t, pairwise: { ...pw, ...p } });

  const submit = async () => {
    const candidate = { ...t, criteria: lines(criteria), flags: lines(flags) };
    const parsed = TaskSettingsObject.omit({ version: true }).safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setStatus({ ok: false, text: `${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    const dupes = [candidate.criteria, candidate.flags].some((l) => new Set(l).size !== l.length);
    if (dupes) return setStatus({ ok: false, text: 'Criteria and flags must be unique' });
    try {
      // Another kind of task once judgments exist: say what it means for them, and ask first.
      if (parsed.data.mode !== task.mode) {
        const counted = await countJudgments();
        if (counted.judgments > 0) {
          setStatus(null);
          setPending({ draft: parsed.data, ...counted });
          return;
        }
      }
      await commit(parsed.data);
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  };

  const commit = async (draft: Draft) => {
    setPending(null);
    try {
      const saved = await save(draft);
      setStatus({ ok: true, text: `Saved as version ${saved.version}` });
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <section className="settings-card" aria-labelledby="task-title">
      <h2 id="task-title">
        Task <span className="badge">v{task.version}</span>
      </h2>
      <fieldset>
        <legend>Labellers judge by</legend>
        {(['pairwise', 'ranking', 'rating'] as const).map((m) => (
          <label key={m} className="choice-label">
            <input
              type="radio"
              name="mode"
              checked={t.mode === m}
              onChange={() => setT({ ...t, mode: m })}
              data-testid={`settings-mode-${m}`}
            />
            {MODE_NAMES[m]}
          </label>
        ))}
        <label className="choice-label">
          <input
            type="checkbox"
            checked={t.showModelNames}
            onChange={(e) => setT({ ...t, showModelNames: e.target.checked })}
          />
          Show model names (off: labellers never see which model wrote what)
        </label>
      </fieldset>

      {t.mode === 'pairwise' ? (
        <fieldset>
          <legend>Pairwise</legend>
          <label className="choice-label">
            <input
              type="checkbox"
              checked={pw.allowTie}
              onChange={(e) => setPw({ allowTie: e.target.checked })}
            />
            Allow a tie
          </label>
          <label className="choice-label">
            <input
              type="checkbox"
              checked={pw.allowBothBad}
              onChange={(e) => setPw({ allowBothBad: e.target.checked })}
            />
            Allow “both bad” (a different outcome from a tie)
          </label>
          <label>
            Strength scale
            <select
              value={pw.strengthLevels}
              onChange={(e) => setPw({ strengthLevels: Number(e.target.value) })}
              data-testid="settings-strength"
            >
              {SCALES.map((sc) => (
                <option key={sc.levels} value={sc.levels}>
                  {sc.label}
                </option>
              ))}
            </select>
          </label>
          {Array.from({ length: pw.strengthLevels }, (_, i) => (
            <label key={i}>
              Level {i + 1} name
              <input
                value={pw.strengthLabels[i] ?? ''}
                placeholder={DEFAULT_STRENGTH_LABELS[i]}
                maxLength={60}
                onChange={(e) => {
                  const labels = [...pw.strengthLabels];
                  while (labels.length < i) labels.push('');
                  labels[i] = e.target.value;
                  setPw({ strengthLabels: labels.slice(0, 4) });
                }}
              />
            </label>
          ))}
          <label>
            Items with more than two responses are compared as
            <select
              value={pw.pairSampling}
              onChange={(e) =>
                setPw({ pairSampling: e.target.value as Draft['pairwise']['pairSampling'] })
              }
            >
              <option value="first-two">their first two responses</option>
              <option value="random-pair">a random pair per labeller (stable on revisit)</option>
            </select>
          </label>
          <label>
            Criteria judged A / tie / B beside the overall choice (one per line)
            <textarea
              rows={3}
              value={criteria}
              onChange={(e) => setCriteria(e.target.value)}
              placeholder={'helpfulness\nharmlessness\nhonesty'}
              data-testid="settings-criteria"
            />
          </label>
        </fieldset>
      ) : null}

      {t.mode === 'ranking' ? (
        <fieldset>
          <legend>Ranking</legend>
          <label className="choice-label">
            <input
              type="checkbox"
              checked={t.ranking.allowTies}
              onChange={(e) =>
                setT({ ...t, ranking: { ...t.ranking, allowTies: e.target.checked } })
              }
            />
            Allow ties
          </label>
          <label className="choice-label">
            <input
              type="checkbox"
              checked={t.ranking.allowNoneAcceptable}
              onChange={(e) =>
                setT({ ...t, ranking: { ...t.ranking, allowNoneAcceptable: e.target.checked } })
              }
            />
            Offer “none acceptable”
          </label>
        </fieldset>
      ) : null}

      {t.mode === 'rating' ? (
        <fieldset>
          <legend>Rating</legend>
          {t.rating.aspects.map((a, i) => {
            const setAspect = (p: Partial<typeof a>) =>
              setT({
                ...t,
                rating: {
                  ...t.rating,
                  aspects: t.rating.aspects.map((x, j) => (j === i ? { ...x, ...p } : x)),
                },
              });
            return (
              <div key={i} className="aspect-row" role="group" aria-label={`Aspect ${i + 1}`}>
                <label>
                  Aspect
                  <input
                    value={a.name}
                    maxLength={60}
                    onChange={(e) => setAspect({ name: e.target.value })}
                  />
                </label>
                <label>
                  From
                  <input
                    type="number"
                    value={a.min}
                    onChange={(e) => setAspect({ min: Number(e.target.value) })}
                  />
                </label>
                <label>
                  To
                  <input
                    type="number"
                    value={a.max}
                    onChange={(e) => setAspect({ max: Number(e.target.value) })}
                  />
                </label>
                <button
                  type="button"
                  aria-label={`Remove aspect ${a.name}`}
                  onClick={() =>
                    setT({
                      ...t,
                      rating: { ...t.rating, aspects: t.rating.aspects.filter((_, j) => j !== i) },
                    })
                  }
                >
                  Remove
                </button>
              </div>
            );
          })}
          <button
            type="button"
            onClick={() =>
              setT({
                ...t,
                rating: {
                  ...t.rating,
                  aspects: [...t.rating.aspects, { name: '', min: 1, max: 5 }],
                },
              })
            }
          >
            Add an aspect
          </button>
          <label className="choice-label">
            <input
              type="checkbox"
              checked={t.rating.thumbs}
              onChange={(e) => setT({ ...t, rating: { ...t.rating, thumbs: e.target.checked } })}
            />
            Thumbs up / down per response (KTO-style desirable / undesirable)
          </label>
        </fieldset>
      ) : null}

      <fieldset>
        <legend>Notes</legend>
        <label>
          Rationale
          <select
            value={t.rationale}
            onChange={(e) => setT({ ...t, rationale: e.target.value as Draft['rationale'] })}
            data-testid="settings-rationale"
          >
            <option value="off">not asked for</option>
            <option value="optional">optional</option>
            <option value="required-for-ties">required for ties and both bad</option>
            <option value="required">always required</option>
          </select>
        </label>
        <label>
          Flags labellers can raise (one per line)
          <textarea
            rows={4}
            value={flags}
            onChange={(e) => setFlags(e.target.value)}
            data-testid="settings-flags"
          />
        </label>
      </fieldset>
      {pending ? (
        <ModeSwitchWarning
          from={task.mode}
          pending={pending}
          confirm={() => void commit(pending.draft)}
          cancel={() => setPending(null)}
        />
      ) : null}
      {/* Sticky: the form is longer than a small window, and saving is what it is for. */}
      <div className="dialog-actions settings-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void submit()}
          disabled={pending !== null}
          data-testid="settings-save"
        >
          Save task settings
        </button>
        {status ? (
          <span
            role={status.ok ? 'status' : 'alert'}
            className={status.ok ? 'hint' : 'error'}
            data-testid="settings-status"
          >
            {status.text}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/**
 * Before the task's kind changes under existing judgments: what happens to them (nothing: they
 * keep their kind, stay in the project and go to the exports that take that kind) and to the
 * ones made from now on, with how many there are. Nothing is saved until the lead says so.
 */
function ModeSwitchWarning({
  from,
  pending,
  confirm,
  cancel,
}: {
  from: TaskSettings['mode'];
  pending: PendingSwitch;
  confirm: () => void;
  cancel: () => void;
}) {
  const go = useRef<HTMLButtonElement>(null);
  useEffect(() => go.current?.focus(), []);
  const to = pending.draft.mode;
  const n = pending.judgments;
  const people = pending.labellers;
  return (
    <div
      className="mode-switch"
      role="group"
      aria-labelledby="mode-switch-title"
      data-testid="mode-switch-warning"
    >
      <p id="mode-switch-title">
        <strong>
          Switch from {MODE_NAMES[from].toLowerCase()} to {MODE_NAMES[to].toLowerCase()}?
        </strong>
      </p>
      <p role="alert" data-testid="mode-switch-text">
        This project has {n.toLocaleString('en-US')} judgment{n === 1 ? '' : 's'} by {people}{' '}
        labeller{people === 1 ? '' : 's'}. They keep the kind they were made as: they stay in the
        project and in the exports of that kind. {MODE_NAMES[to]} applies to judgments made from now
        on.
      </p>
      <div className="dialog-actions">
        <button
          ref={go}
          type="button"
          className="primary"
          onClick={confirm}
          data-testid="settings-confirm-switch"
        >
          Switch to {MODE_NAMES[to].toLowerCase()}
        </button>
        <button type="button" onClick={cancel} data-testid="settings-cancel-switch">
          Keep {MODE_NAMES[from].toLowerCase()}
        </button>
      </div>
    </div>
  );
}

function GuidelinesEditor({
  markdown,
  version,
  save,
}: {
  markdown: string;
  version: number;
  save: (md: string) => Promise<void>;
}) {
  const [text, setText] = useState(markdown);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section className="settings-card guidelines-editor" aria-labelledby="guidelines-title">
      <h2 id="guidelines-title">
        Guidelines{' '}
        <span className="badge" data-testid="guidelines-editor-version">
          v{version}
        </span>
      </h2>
      <p className="hint">
        Markdown. Labellers see them beside the work and when they change; each judgment records the
        version it was made under.
      </p>
      <div className="guidelines-split">
        <textarea
          aria-label="Guidelines (markdown)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={16}
          data-testid="guidelines-editor"
        />
        <div className="guidelines-preview" aria-label="Preview">
          <SafeMarkdown text={text} />
        </div>
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          disabled={text === markdown}
          onClick={() =>
            void save(text).then(
              () => setStatus('Saved'),
              (e: Error) => setStatus(e.message),
            )
          }
          data-testid="guidelines-save"
        >
          Save guidelines
        </button>
        {status ? (
          <span role="status" className="hint" data-testid="guidelines-status">
            {status}
          </span>
        ) : null}
      </div>
    </section>
  );
}
