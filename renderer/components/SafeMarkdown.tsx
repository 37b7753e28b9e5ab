import { memo, useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { HastView } from '../markdown/HastView';
import { PlainText } from '../markdown/PlainText';
import { PLAIN_CHUNK, splitForRender } from '../markdown/limits';
import { markdownRenderer } from '../markdown/render-service';

/**
 * Markdown from a dataset, rendered as inert elements (see markdown/pipeline.ts): formatted
 * off the UI thread, within a budget, and shown as plain text while it is being formatted or
 * when it cannot be (too long, nested too deeply, too slow). Never `dangerouslySetInnerHTML`.
 */
export const SafeMarkdown = memo(function SafeMarkdown({ text }: { text: string }) {
  const { head, rest } = useMemo(() => splitForRender(text), [text]);
  const subscribe = useCallback((cb: () => void) => markdownRenderer.subscribe(head, cb), [head]);
  const rendered = useSyncExternalStore(subscribe, () => markdownRenderer.peek(head));
  return (
    <div className="markdown" data-render={rendered.status} data-content="dataset">
      {rendered.status === 'ready' ? (
        <HastView tree={rendered.tree} />
      ) : (
        <>
          {rendered.status === 'plain' ? <p className="md-note">{rendered.reason}</p> : null}
          <PlainText
            text={head}
            className={rendered.status === 'pending' ? 'md-pending' : undefined}
          />
        </>
      )}
      {rest ? <MoreText rest={rest} total={text.length} /> : null}
    </div>
  );
});

/** The part of a long text past the markdown budget, revealed on request in plain chunks. */
function MoreText({ rest, total }: { rest: string; total: number }) {
  const [shown, setShown] = useState(0);
  const left = rest.length - shown;
  return (
    <>
      {shown > 0 ? <PlainText text={rest.slice(0, shown)} /> : null}
      {left > 0 ? (
        <button
          type="button"
          className="md-more"
          onClick={() => setShown((s) => Math.min(rest.length, s + PLAIN_CHUNK))}
        >
          Show more ({size(left)} of {size(total)} not shown)
        </button>
      ) : null}
    </>
  );
}

function size(chars: number): string {
  return chars >= 1e6
    ? `${(chars / 1e6).toFixed(1)} M characters`
    : `${Math.ceil(chars / 1e3)} k characters`;
}
