import { SafeMarkdown } from '../../components/SafeMarkdown';

export function ResponsePane({
  slot,
  model,
  content,
  chosen,
}: {
  slot: 'A' | 'B';
  model: string | null;
  content: string;
  chosen: boolean;
}) {
  return (
    <article
      className={`response${chosen ? ' response-chosen' : ''}`}
      aria-label={`Response ${slot}`}
      data-testid={`response-${slot}`}
    >
      <header className="response-head">
        <span className="response-slot">{slot}</span>
        {model ? <span className="response-model">{model}</span> : null}
      </header>
      <div className="response-body" data-testid={`response-${slot}-text`}>
        <SafeMarkdown text={content} />
      </div>
    </article>
  );
}
