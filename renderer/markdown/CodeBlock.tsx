import { isValidElement, useRef, useState, type ComponentPropsWithoutRef } from 'react';

/** A fenced code block: its language, a copy button, and the (highlighted) code itself. */
export function CodeBlock({ children, ...rest }: ComponentPropsWithoutRef<'pre'>) {
  const ref = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const lang = languageOf(children);
  const copy = () => {
    const text = ref.current?.textContent ?? '';
    void copyText(text).then((ok) => {
      setCopied(ok ? 'copied' : 'failed');
      setTimeout(() => setCopied(null), 1500);
    });
  };
  return (
    <div className="code-block">
      <div className="code-head">
        <span className="code-lang">{lang ?? 'code'}</span>
        <button
          type="button"
          className="code-copy"
          onClick={copy}
          aria-label={`Copy ${lang ?? ''} code`.replace('  ', ' ')}
        >
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      <pre ref={ref} {...rest}>
        {children}
      </pre>
    </div>
  );
}

function languageOf(children: unknown): string | null {
  if (!isValidElement<{ className?: string }>(children)) return null;
  const m = /(?:^|\s)language-([\w+#.-]{1,30})/.exec(children.props.className ?? '');
  return m ? m[1]! : null;
}

/**
 * The clipboard API where the page may use it; the old copy command where it may not (an
 * Electron window that grants no permissions, a page without focus).
 */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    try {
      // Deprecated but still the only synchronous fallback browsers offer.

      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
