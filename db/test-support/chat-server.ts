import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol (POST /v1/chat/completions),
 * started by a test on a free loopback port. What it answers is up to the test: a reply (with
 * token usage), an error status (with Retry-After), a slow reply, a dropped connection. It
 * records every request (body, Authorization header) and the most calls it had in flight at
 * once, so tests check retries, the concurrency limit and what was sent.
 */
export type ChatAction =
  | { reply: string; usage?: { prompt_tokens: number; completion_tokens: number } | null }
  /** A 200 whose body is this text exactly (not the protocol's JSON). */
  | { rawBody: string }
  | { status: number; body?: string; retryAfter?: string }
  /** Close the connection without answering. */
  | { drop: true }
  | { delayMs: number; then: ChatAction };

export interface ChatCall {
  /** The user message's text. */
  content: string;
  model: string;
  authorization: string | null;
  /** How many calls with this same content came before this one. */
  attempt: number;
}

export interface ChatServer {
  /** e.g. http://127.0.0.1:43123 (no path: the client adds /v1/chat/completions). */
  url: string;
  calls: ChatCall[];
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startChatServer(decide: (call: ChatCall) => ChatAction): Promise<ChatServer> {
  const calls: ChatCall[] = [];
  const seen = new Map<string, number>();
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server: Server = createServer((req: IncomingMessage, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      let body: { model?: string; messages?: Array<{ content?: string }> } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        // answered below as the test decides
      }
      const content = body.messages?.at(-1)?.content ?? '';
      const attempt = seen.get(content) ?? 0;
      seen.set(content, attempt + 1);
      const call: ChatCall = {
        content,
        model: body.model ?? '',
        authorization: req.headers.authorization ?? null,
        attempt,
      };
      calls.push(call);
      let settled = false;
      const done = () => {
        if (!settled) inFlight--;
        settled = true;
      };
      res.on('close', done);
      const act = (a: ChatAction): void => {
        if ('delayMs' in a) {
          const t = setTimeout(() => act(a.then), a.delayMs);
          res.on('close', () => clearTimeout(t));
          return;
        }
        if (res.destroyed) return;
        if ('drop' in a) {
          req.socket.destroy();
          return;
        }
        if ('rawBody' in a) {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(a.rawBody);
          return;
        }
        if ('status' in a) {
          res.writeHead(a.status, {
            'content-type': 'application/json',
            ...(a.retryAfter ? { 'retry-after': a.retryAfter } : {}),
          });
          res.end(a.body ?? JSON.stringify({ error: { message: `status ${a.status}` } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${calls.length}`,
            object: 'chat.completion',
            created: 0,
            model: call.model,
            choices: [
              { index: 0, message: { role: 'assistant', content: a.reply }, finish_reason: 'stop' },
            ],
            ...(a.usage === null
              ? {}
              : {
                  usage: a.usage ?? { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
                }),
          }),
        );
      };
      act(decide(call));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Which response the message shows as A and as B (the default template's sections). */
export function shownResponses(content: string): { a: string; b: string } {
  const a = /\[Response A\]\n([\s\S]*?)\n\n\[Response B\]/.exec(content)?.[1] ?? '';
  const b = /\[Response B\]\n([\s\S]*?)\n\nExplain your reasoning/.exec(content)?.[1] ?? '';
  return { a, b };
}
