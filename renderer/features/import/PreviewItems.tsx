import type { PreviewItem } from '../../../shared/api/contract';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { PromptView } from '../labelling/PromptView';

/**
 * Step 2a: the first items exactly as labellers will see them: the prompt (or conversation)
 * and every response rendered as safe markdown. Model names are shown here for the lead, with
 * a note, although labellers do not see them by default.
 */
export function PreviewItems({ items }: { items: PreviewItem[] }) {
  return (
    <ol className="import-items" aria-label="First items">
      {items.map((item) => (
        <li
          key={`${item.line}-${item.id}`}
          className="import-item"
          data-testid="import-preview-item"
          data-item-id={item.id}
        >
          <div className="import-item-head">
            <span>
              Line {item.line} · id <code>{item.id}</code>
            </span>
            {item.truncated ? (
              <span className="hint">long text cut short in this preview</span>
            ) : null}
          </div>
          <PromptView prompt={item.prompt} whole />
          <div className="import-item-responses">
            {item.responses.map((r, i) => (
              <article
                key={i}
                className="response"
                aria-label={`Response ${i + 1}`}
                data-testid="import-preview-response"
              >
                <header className="response-head">
                  <span className="response-slot">{i + 1}</span>
                  {r.model ? (
                    <span
                      className="response-model"
                      title="Hidden from labellers unless the project shows model names"
                    >
                      {r.model}
                    </span>
                  ) : null}
                </header>
                <div className="response-body">
                  <SafeMarkdown text={r.content} />
                </div>
                {r.metadata ? (
                  <details className="import-meta">
                    <summary>metadata</summary>
                    <pre>{r.metadata}</pre>
                  </details>
                ) : null}
              </article>
            ))}
          </div>
          {item.moreResponses > 0 ? (
            <p className="hint">… and {item.moreResponses} more responses</p>
          ) : null}
          {item.metadata ? (
            <details className="import-meta">
              <summary>item metadata</summary>
              <pre>{item.metadata}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
