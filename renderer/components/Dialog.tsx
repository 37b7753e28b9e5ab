import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A modal dialog: labelled, closes on Esc (through the action table) or a click outside, and
 * gives focus back to where it was when it closes.
 */
export function Dialog({
  title,
  testId,
  onClose,
  children,
  wide,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLElement>(null);
  // Taken while rendering, before an autoFocus inside the dialog moves focus into it: effects
  // run after that, and would remember the dialog's own box.
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    if (!ref.current?.contains(document.activeElement)) ref.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, [before]);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section
        ref={ref}
        tabIndex={-1}
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        <h2>{title}</h2>
        {children}
      </section>
    </div>
  );
}
