import { Fragment, useMemo, type ReactNode } from 'react';
import { markInvisibles } from './invisible-chars';

/** Text with its invisible characters shown as markers (see invisible-chars.ts). */
export function useMarkedText(text: string): ReactNode {
  return useMemo(() => {
    const pieces = markInvisibles(text);
    if (!pieces) return text;
    return pieces.map((p, i) =>
      typeof p === 'string' ? (
        <Fragment key={i}>{p}</Fragment>
      ) : (
        <span key={i} className="invisible-char" title={p.title}>
          {p.marker}
        </span>
      ),
    );
  }, [text]);
}

/** Text shown as written (wrapped, whitespace kept), with invisible characters made visible. */
export function PlainText({ text, className }: { text: string; className?: string }) {
  return (
    <div
      className={`plain-text${className ? ` ${className}` : ''}`}
      dir="auto"
      data-content="dataset"
    >
      {useMarkedText(text)}
    </div>
  );
}
