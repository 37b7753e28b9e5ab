import type { Transport } from './client';
import type { Result } from './errors';

/**
 * The HTTP transport: `POST /api/<method>` for calls and a server-sent-event stream at
 * `GET /api/events`, read through fetch (not EventSource) so that the same code runs in the
 * browser and in Node, and so the token travels in a header rather than the URL.
 *
 * `fetch` is passed in: shared/ may use neither DOM nor Node globals.
 */
export interface HttpTransportOptions {
  baseUrl: string;
  /** The bearer token; empty when the host's cookie authenticates (a team host's page). */
  token: string;
  fetch: FetchLike;
  /** Delay before reconnecting the event stream after it drops. */
  reconnectMs?: number;
}

/** The part of the Fetch API this transport uses; both browsers and Node 20 provide it. */
export type FetchLike = (
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignalLike;
  },
) => Promise<ResponseLike>;
interface ResponseLike {
  ok: boolean;
  status: number;
  text(): Promise<string>;
  body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array }>;
      cancel(): Promise<void>;
    };
  } | null;
}
interface AbortSignalLike {
  readonly aborted: boolean;
}
interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(): void;
}
declare const AbortController: { new (): AbortControllerLike };
declare const TextDecoder: { new (): { decode(b: Uint8Array, o?: { stream: boolean }): string } };
declare function setTimeout(fn: () => void, ms: number): unknown;

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const { baseUrl, token } = options;
  // No token: the page of a team host, whose link was traded for an HttpOnly cookie that the
  // browser sends by itself (cli/serve/team-http.ts).
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let stream: AbortControllerLike | null = null;

  async function pump(controller: AbortControllerLike): Promise<void> {
    while (!controller.signal.aborted) {
      try {
        const res = await options.fetch(`${baseUrl}/api/events`, {
          headers,
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value!, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            deliver(frame);
          }
        }
      } catch {
        // Dropped or refused: fall through to the reconnect delay unless we were closed.
      }
      if (controller.signal.aborted) return;
      await new Promise<void>((r) => setTimeout(r, options.reconnectMs ?? 1000));
    }
  }

  function deliver(frame: string): void {
    let name = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return;
    const payload: unknown = JSON.parse(data);
    for (const l of listeners) l(name, payload);
  }

  return {
    async call(method, input) {
      const res = await options.fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      const text = await res.text();
      try {
        return JSON.parse(text) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `HTTP ${res.status}: ${text.slice(0, 200)}` },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) {
        stream = new AbortController();
        void pump(stream);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}
