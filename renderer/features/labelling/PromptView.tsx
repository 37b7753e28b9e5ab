import type { Prompt } from '../../../shared/domain/item';
import { SafeMarkdown } from '../../components/SafeMarkdown';

/** The prompt: a plain string, or a conversation with each turn labelled by role. */
export function PromptView({ prompt }: { prompt: Prompt }) {
  if (typeof prompt === 'string') {
    return (
      <section className="prompt" aria-label="Prompt" data-testid="prompt">
        <SafeMarkdown text={prompt} />
      </section>
    );
  }
  return (
    <section className="prompt conversation" aria-label="Conversation" data-testid="prompt">
      {prompt.map((m, i) => (
        <div key={i} className={`turn turn-${m.role}`}>
          <div className="turn-role">{m.role}</div>
          <SafeMarkdown text={m.content} />
        </div>
      ))}
    </section>
  );
}
