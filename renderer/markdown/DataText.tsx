import { Fragment, useMemo } from 'react';
import { markInvisibles } from './invisible-chars';

/**
 * A short string from the data shown inline (a model name, an item id, a preview): text only,
 * its own direction kept inside it, invisible characters made visible. A model named
 * "model\u202Eevil" must not read as "modellive".
 */
export function DataText({ text, className }: { text: string; className?: string }) {
  const pieces = useMemo(() => markInvisibles(text), [text]);
  return (
    <bdi className={className}>
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
    </bdi>
  );
}
