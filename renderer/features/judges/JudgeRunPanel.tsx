import { useEffect, useState } from 'react';
import { parseJudgeItems } from '../../../shared/judges/run';
import { ProgressBar } from '../../components/ProgressBar';
import { count, NONE, plural, seconds } from '../../format';
import { timeLeftMs } from '../../model/time-left';
import type { JudgeRunForm, JudgeRunJob } from '../../state/judges-slice';
import { useAppStoreShallow } from '../../state/store';

const ITEMS_HELP =
  'all: every item; unjudged: items no labeller has judged yet; sample:N: the same N items on every run';

/**
 * Test and run an LLM judge through an OpenAI-compatible endpoint. The API key lives in this
 * form's own state only: sent with each call, never put in the store or local storage.
 */
export function JudgeRunPanel() {
  const s = useAppStoreShallow((st) => ({
    test: st.judgeTest,
    job: st.judgeRunJob,
    testJudge: st.testJudge,
    runJudge: st.runJudge,
    cancel: st.cancelJudgeRun,
  }));
  const [endpoint, setEndpoint] = useState('');
  const [model, setModel] = useState('');
  const [name, setName] = useState('');
  const [items, setItems] = useState('all');
  const [bothOrders, setBothOrders] = useState(false);
  const [concurrency, setConcurrency] = useState(4);
  const [apiKey, setApiKey] = useState('');
  const parsedItems = parseJudgeItems(items.trim());
  const ready = endpoint.trim() !== '' && model.trim() !== '';
  const running = s.job?.status === 'running';
  const form = (): JudgeRunForm => ({
    endpoint,
    model,
    name,
    items: parsedItems ?? { kind: 'all' },
    bothOrders,
    concurrency,
  });

  return (
    <section className="panel judge-run" data-testid="judge-run-panel">
      <h2>Run an LLM judge</h2>
      <form
        className="judge-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && parsedItems) void s.runJudge(form(), apiKey);
        }}
      >
        <label>
          Endpoint URL
          <input
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
            placeholder="http://127.0.0.1:8080"
            data-testid="judge-endpoint"
            required
          />
        </label>
        <label>
          Model
          <input
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder="gpt-4o"
            data-testid="judge-model"
            required
          />
        </label>
        <label>
          Judge name (optional)
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="the model’s"
            data-testid="judge-name"
          />
        </label>
        <label title={ITEMS_HELP}>
          Items
          <input
            value={items}
            onChange={(e) => setItems(e.target.value)}
            list="judge-items-choices"
            aria-invalid={parsedItems ? undefined : true}
            data-testid="judge-items"
          />
          <datalist id="judge-items-choices">
            <option value="all" />
            <option value="unjudged" />
            <option value="sample:50" />
          </datalist>
        </label>
        <label>
          Calls at once
          <input
            type="number"
            min={1}
            max={64}
            value={concurrency}
            onChange={(e) =>
              setConcurrency(Math.min(64, Math.max(1, Math.trunc(Number(e.target.value)) || 1)))
            }
            data-testid="judge-concurrency"
          />
        </label>
        <label>
          API key (if the endpoint wants one)
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            data-testid="judge-api-key"
          />
        </label>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={bothOrders}
            onChange={(e) => setBothOrders(e.target.checked)}
            data-testid="judge-both-orders"
          />
          Both orders (measures position bias and consistency; twice the calls)
        </label>
        {parsedItems ? null : (
          <p className="error" role="alert">
            Items must be all, unjudged or sample:N (N a whole number of at least 1).
          </p>
        )}
        <div className="choice-row">
          <button
            type="button"
            disabled={!ready || s.test?.status === 'running'}
            onClick={() => void s.testJudge(form(), apiKey)}
            data-testid="judge-test"
            title="Send one item’s pair and show what came back; nothing is stored"
          >
            Test on one item
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!ready || !parsedItems || running}
            data-testid="judge-run"
          >
            Run
          </button>
        </div>
      </form>
      <TestResult />
      {s.job ? <RunStatus job={s.job} onCancel={() => void s.cancel()} /> : null}
    </section>
  );
}

function TestResult() {
  const test = useAppStoreShallow((st) => ({ t: st.judgeTest })).t;
  if (!test) return null;
  if (test.status === 'running') return <p className="hint">Asking the endpoint…</p>;
  if (test.status === 'failed')
    return (
      <p role="alert" className="error" data-testid="judge-test-error">
        {test.error}
      </p>
    );
  const r = test.result!;
  return (
    <div className="judge-test" data-testid="judge-test-result">
      <p>
        Item <code data-content="item-id">{r.itemId}</code>, responses shown as A = Response{' '}
        {(r.order[0] ?? 0) + 1}, B = Response {(r.order[1] ?? 1) + 1}. Read as:{' '}
        <strong data-testid="judge-test-verdict">
          {r.verdict === null
            ? 'no verdict (the reply does not end with a verdict line)'
            : verdictWords(r.verdict)}
        </strong>
        <span className="hint">
          {' '}
          ({seconds(r.ms / 1000)}
          {r.promptTokens !== null || r.completionTokens !== null
            ? `; ${count(r.promptTokens)} prompt and ${count(r.completionTokens)} completion tokens`
            : ''}
          )
        </span>
      </p>
      <details>
        <summary>The message sent</summary>
        <pre className="judge-text" data-content="model" data-testid="judge-test-message">
          {r.message}
        </pre>
      </details>
      <h3>The reply</h3>
      {/* Model output: text in a <pre>, never parsed as HTML or Markdown. */}
      <pre className="judge-text" data-content="model" data-testid="judge-test-reply">
        {r.reply ?? ''}
      </pre>
      {r.reply === null ? <p className="hint">{NONE}: the endpoint sent no content.</p> : null}
    </div>
  );
}

function verdictWords(v: 'A' | 'B' | 'TIE' | 'BOTH_BAD'): string {
  return { A: 'A better', B: 'B better', TIE: 'Tie', BOTH_BAD: 'Both bad' }[v];
}

/** Ticks once a second while the job runs, so the time left moves between progress events. */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

function RunStatus({ job, onCancel }: { job: JudgeRunJob; onCancel: () => void }) {
  const running = job.status === 'running';
  const now = useNow(running);
  const left = timeLeftMs(job.done, job.total, Math.max(0, now - job.startedAt));
  const r = job.result;
  return (
    <div className="judge-status" data-testid="judge-run-status" data-status={job.status}>
      {running ? (
        <div className="choice-row">
          {job.total === null ? (
            <span>Starting…</span>
          ) : (
            <ProgressBar done={job.done} total={job.total} label="Pairs judged" />
          )}
          <span className="hint" data-testid="judge-time-left">
            {left === null
              ? 'Time left: estimated once the first answers are in'
              : `About ${seconds(left / 1000)} left`}
          </span>
          <button type="button" onClick={onCancel} data-testid="judge-cancel">
            Cancel
          </button>
        </div>
      ) : null}
      {job.status === 'failed' ? (
        <p role="alert" className="error" data-testid="judge-run-error">
          The run stopped: {job.error}
        </p>
      ) : null}
      {job.status === 'cancelled' ? (
        <p>Cancelled. Every answer so far is kept; running it again goes on from there.</p>
      ) : null}
      {r ? (
        <div data-testid="judge-run-summary">
          <p>
            <strong>{r.judge}</strong> {r.cancelled ? 'stopped early' : 'finished'} in{' '}
            {seconds(r.elapsedMs / 1000)}:{' '}
            <span data-testid="judge-run-answered">{plural(r.verdicts, 'answer')}</span>,{' '}
            <span data-testid="judge-run-no-verdict">{count(r.noVerdict)} without a verdict</span>,{' '}
            <span data-testid="judge-run-failed">{plural(r.failed, 'error')}</span>
            {r.skipped ? `; ${count(r.skipped)} done by an earlier run` : ''}.
          </p>
          <p className="hint">
            {plural(r.items, 'item')}, template version {r.templateVersion}; {count(r.promptTokens)}{' '}
            prompt and {count(r.completionTokens)} completion tokens; {plural(r.attempts, 'call')}{' '}
            made
            {r.rateLimited ? `, ${count(r.rateLimited)} retried after a rate limit` : ''}.
          </p>
          {r.errors.length ? (
            <ul className="judge-errors">
              {r.errors.map((e, i) => (
                <li key={i}>
                  <code data-content="item-id">{e.itemId}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
