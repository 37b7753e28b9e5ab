import { createClient, type Client, type Transport } from '../../shared/api/client';
import type { Result } from '../../shared/api/errors';
import { createHttpTransport } from '../../shared/api/http-transport';

/** What Electron's preload exposes: nothing but these two functions. */
interface PreloadBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    rankwise?: PreloadBridge;
  }
}

const TOKEN_KEY = 'rankwise.token';

/**
 * Pick the transport for where we run: Electron's preload bridge, or the browser host's HTTP
 * API. The single-user host's token arrives once in the URL; we keep it for this tab and take
 * it out of the address bar so it is not left in history or screenshots. A team host never
 * lets it reach the page: it trades the link for an HttpOnly cookie and redirects to the
 * address without it, so there is no token here and the cookie authenticates every call.
 */
export function connect(): Client {
  return createClient(pickTransport());
}

function pickTransport(): Transport {
  const bridge = window.rankwise;
  if (bridge) return { call: (m, i) => bridge.call(m, i), subscribe: (l) => bridge.on(l) };

  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  return createHttpTransport({
    baseUrl: window.location.origin,
    token,
    fetch: (u, init) => window.fetch(u, init as RequestInit),
  });
}

/** The browser host's token (for uploads, which go beside the API rather than through it). */
export function browserToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
