import { Fragment, useMemo } from 'react';
import { markInvisibles } from './invisible-chars';

/** Text shown as written (wrapped, whitespace kept), with invisible characters made visible. */
export function PlainText({ text, className }: { text: string; className?: string }) {
  const pieces = useMemo(() => markInvisibles(text), [text]);
  return (
    <div className={`plain-text${className ? ` ${className}` : ''}`} dir="auto">
      {pieces
        ? pieces.map((p, i) =>
            typeof p === 'string' ? (
              <Fragment key={i}>{p}</Fragment>
            ) : (
              <span key={i} className="invisible-char" title={p.title}>
                {p.marker}
              </span>
            ),
          )
        : text}
    </div>
  );
}
