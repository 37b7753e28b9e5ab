import { markdownToTree } from './pipeline';
import type { RenderReply, RenderRequest } from './protocol';

/**
 * The markdown worker: parses dataset text off the UI thread. A text that makes the parser
 * spin or overflow its stack costs this worker, never the screen; the page stops it after a
 * timeout and shows the text plain.
 */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<RenderRequest>) => void) | null;
  postMessage(reply: RenderReply): void;
};

scope.onmessage = (e) => {
  const { id, text } = e.data;
  try {
    scope.postMessage({ id, ok: true, tree: markdownToTree(text) });
  } catch (err) {
    const reason =
      err instanceof RangeError
        ? 'nested too deeply to format'
        : `could not format: ${String((err as Error).message ?? err)}`;
    scope.postMessage({ id, ok: false, reason });
  }
};
