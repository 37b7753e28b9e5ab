/**
 * One call to an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp's
 * server, Ollama, LM Studio…), with Node's own fetch, retried the way such servers ask:
 * 429 and 5xx (and a connection dropped or timed out mid-call) are retried with exponential
 * backoff, waiting at least what `Retry-After` says. The API key goes only into the
 * Authorization header; every text this module hands back (replies, errors) has it blanked,
 * in case a server echoes it.
 */

export interface ChatRequest {
  /** The chat-completions URL (see `chatCompletionsUrl`). */
  url: string;
  model: string;
  apiKey: string | null;
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  signal?: AbortSignal;
}

export interface ChatReply {
  /** `choices[0].message.content`, or null when the reply had none (see `body`). */
  content: string | null;
  /** The whole response body, for a reply that is not what the protocol says. */
  body: string;
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first wait; each next one doubles, with jitter (a random 50–100%). */
  baseDelayMs: number;
  /** No wait is longer than this, Retry-After included. */
  maxDelayMs: number;
  /** A call that has not answered in this long is abandoned (and retried). */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 120_000,
};

/**
 * Why a call failed. `fatal`: nothing will work until someone changes something (a wrong key,
 * a wrong URL or model, nothing listening), so the run stops. Otherwise just this pair failed
 * (after its retries) and the run goes on; a later run tries it again.
 */
export class ChatError extends Error {
  constructor(
    message: string,
    readonly fatal: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

/** An endpoint as people give it (a server, `…/v1`, or the whole path) as the chat-completions URL. */
export function chatCompletionsUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ChatError(`not a URL: ${JSON.stringify(endpoint)}`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ChatError(`the endpoint must be an http(s) URL, got ${url.protocol}`, true);
  const path = url.pathname.replace(/\/+$/, '');
  if (!/\/chat\/completions$/.test(path))
    url.pathname = /\/v1$/.test(path) ? `${path}/chat/completions` : `${path}/v1/chat/completions`;
  return url.toString();
}

/** `text` with every occurrence of the key blanked (a server may echo what it was sent). */
export function redact(text: string, apiKey: string | null): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[API key]') : text;
}

type Attempt =
  | { ok: true; reply: ChatReply }
  | { ok: false; error: ChatError; retry: boolean; retryAfterMs: number | null };

async function attempt(req: ChatRequest, timeoutMs: number): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  let body: string;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(req.apiKey ? { authorization: `Bearer ${req.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: req.model, messages: req.messages, temperature: 0 }),
      signal,
    });
    body = await res.text();
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (timeout.aborted)
      return {
        ok: false,
        error: new ChatError(`no answer within ${Math.round(timeoutMs / 1000)} s`, false),
        retry: true,
        retryAfterMs: null,
      };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    // Nothing listening, or no such host: every call would fail the same way.
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return {
        ok: false,
        error: new ChatError(
          `cannot reach ${new URL(req.url).host} (${code === 'ECONNREFUSED' ? 'connection refused' : 'unknown host'})`,
          true,
        ),
        retry: false,
        retryAfterMs: null,
      };
    // A connection dropped mid-call (reset, closed early): worth another try.
    return {
      ok: false,
      error: new ChatError(
        `the connection was dropped (${redact(cause?.message ?? (e as Error).message, req.apiKey)})`,
        false,
      ),
      retry: true,
      retryAfterMs: null,
    };
  }
  const text = redact(body, req.apiKey);
  if (!res.ok) {
    const what = `${res.status} ${res.statusText}`.trim();
    const detail = text.trim().slice(0, 300);
    const message = `the endpoint answered ${what}${detail ? `: ${detail}` : ''}`;
    const retry = res.status === 429 || res.status >= 500;
    // A wrong key, URL or model: no pair will do better.
    const fatal = res.status === 401 || res.status === 403 || res.status === 404;
    return {
      ok: false,
      error: new ChatError(message, fatal, res.status),
      retry,
      retryAfterMs: retry ? retryAfter(res.headers.get('retry-after')) : null,
    };
  }
  return { ok: true, reply: readReply(text) };
}

/** The parts of a chat-completions reply we use; whatever else it has is ignored. */
function readReply(body: string): ChatReply {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { content: null, body, promptTokens: null, completionTokens: null };
  }
  const o = json as {
    choices?: Array<{ message?: { content?: unknown } }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  const content = o?.choices?.[0]?.message?.content;
  const count = (v: unknown) =>
    Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : null;
  return {
    content: typeof content === 'string' ? content : null,
    body,
    promptTokens: count(o?.usage?.prompt_tokens),
    completionTokens: count(o?.usage?.completion_tokens),
  };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(t);
      reject(abortReason(signal!));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

export interface CallStats {
  /** Attempts made, retries included. */
  attempts: number;
  /** Retries because of 429 (rate limit). */
  rateLimited: number;
}

/**
 * The call, retried per `policy`. Resolves with the reply, or rejects with a ChatError (or the
 * signal's reason when cancelled). `onRetry` hears each wait, for progress.
 */
export async function chatWithRetries(
  req: ChatRequest,
  policy: RetryPolicy = DEFAULT_RETRY,
  stats: CallStats = { attempts: 0, rateLimited: 0 },
  random: () => number = Math.random,
): Promise<ChatReply> {
  for (let n = 1; ; n++) {
    stats.attempts++;
    const a = await attempt(req, policy.timeoutMs);
    if (a.ok) return a.reply;
    if (!a.retry || n >= policy.attempts) {
      if (a.retry) a.error.message += ` (gave up after ${n} attempts)`;
      throw a.error;
    }
    if (a.error.status === 429) stats.rateLimited++;
    const backoff = policy.baseDelayMs * 2 ** (n - 1) * (0.5 + random() / 2);
    const wait = Math.min(policy.maxDelayMs, Math.max(backoff, a.retryAfterMs ?? 0));
    await sleep(wait, req.signal);
  }
}
