import { memo } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Markdown from a dataset, rendered as inert text. Raw HTML is dropped (never parsed into
 * elements); links and images become plain text showing their URL, so nothing from the data
 * can navigate, load a remote resource or run script. No `dangerouslySetInnerHTML` anywhere.
 */
const components: Components = {
  a: ({ children, href }) => (
    <span className="md-link" title={href ?? undefined}>
      {children}
      {href && !sameText(children, href) ? <span className="md-url"> ⟨{href}⟩</span> : null}
    </span>
  ),
  img: ({ alt, src }) => (
    <span className="md-image">
      [image{alt ? `: ${alt}` : ''}
      {typeof src === 'string' && src ? ` ⟨${src}⟩` : ''}]
    </span>
  ),
};

function sameText(children: unknown, href: string): boolean {
  return typeof children === 'string'
    ? children === href
    : Array.isArray(children) && children.join('') === href;
}

export const SafeMarkdown = memo(function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={components}
        urlTransform={keepUrlAsText}
      >
        {text}
      </Markdown>
    </div>
  );
});

/** Keep every URL (even javascript:) as data for display: our components never put it in an attribute that acts. */
function keepUrlAsText(url: string): string {
  return url;
}
