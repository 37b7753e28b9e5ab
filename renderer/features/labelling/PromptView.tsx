import { memo, useMemo } from 'react';
import type { Message, Prompt } from '../../../shared/domain/item';
import { ActionButton } from '../shortcuts/ActionButton';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { DataText } from '../../markdown/DataText';
import { PlainText } from '../../markdown/PlainText';
import { useAppStore } from '../../state/store';

/**
 * The prompt: a plain string, or a conversation with each turn labelled by role. Turns before
 * the last user turn fold away (h); the last user turn and what follows it are always shown.
 */
export const PromptView = memo(function PromptView({
  prompt,
  active = true,
  whole = false,
}: {
  prompt: Prompt;
  /** False for the next item, rendered hidden ahead of time: no test ids twice on the page. */
  active?: boolean;
  /** Every turn shown, nothing folded: for previews, where the split itself is being checked. */
  whole?: boolean;
}) {
  const testId = active ? 'prompt' : undefined;
  const open = useAppStore((s) => s.prefs.earlierTurns);
  if (typeof prompt === 'string') {
    return (
      <section className="prompt" aria-label="Prompt" data-testid={testId}>
        <SafeMarkdown text={prompt} />
      </section>
    );
  }
  let lastUser = -1;
  prompt.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const cut = whole ? 0 : Math.max(0, lastUser);
  const earlier = prompt.slice(0, cut);
  const latest = prompt.slice(cut);
  return (
    <section className="prompt conversation" aria-label="Conversation" data-testid={testId}>
      {earlier.length ? (
        <div
          className="earlier-turns"
          data-testid={active ? 'earlier-turns' : undefined}
          data-open={open}
        >
          <ActionButton
            id="toggle-turns"
            testId={active ? undefined : null}
            className="ghost turns-toggle"
            pressed={open}
            label={`${open ? 'Hide' : 'Show'} ${earlier.length} earlier turn${earlier.length === 1 ? '' : 's'} (${summary(earlier)})`}
          />
          {open ? (
            <div className="earlier-turns-list">
              {earlier.map((m, i) => (
                <Turn key={i} message={m} />
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
      {latest.map((m, i) => (
        <Turn key={cut + i} message={m} />
      ))}
    </section>
  );
});

function summary(turns: Message[]): string {
  const counts = new Map<string, number>();
  for (const t of turns) counts.set(t.role, (counts.get(t.role) ?? 0) + 1);
  return [...counts].map(([role, n]) => (n > 1 ? `${n} ${role}` : role)).join(', ');
}

function Turn({ message }: { message: Message }) {
  const calls = useMemo(() => {
    if (!message.tool_calls?.length) return null;
    const json = JSON.stringify(message.tool_calls, null, 2);
    return json.length > 20_000 ? `${json.slice(0, 20_000)}\n…` : json;
  }, [message.tool_calls]);
  return (
    <div className={`turn turn-${message.role}`} data-testid="turn" data-role={message.role}>
      <div className="turn-role">
        {message.role}
        {message.name ? (
          <>
            {' · '}
            <DataText text={message.name} />
          </>
        ) : null}
        {message.tool_call_id ? (
          <>
            {' · call '}
            <DataText text={message.tool_call_id} />
          </>
        ) : null}
      </div>
      <SafeMarkdown text={message.content} />
      {calls ? <PlainText text={calls} className="tool-calls" /> : null}
    </div>
  );
}
