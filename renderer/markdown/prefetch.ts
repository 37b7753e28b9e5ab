import { splitForRender } from './limits';
import { markdownRenderer } from './render-service';

/**
 * Format texts about to be shown (the prefetched item), so SafeMarkdown finds them ready;
 * resolves when all have a result.
 */
export function prefetchMarkdown(texts: readonly string[]): Promise<void> {
  const heads = texts.map((t) => splitForRender(t).head);
  markdownRenderer.prefetch(heads);
  return Promise.all(heads.map((h) => markdownRenderer.settled(h))).then(() => undefined);
}
