import type { IncomingMessage } from 'node:http';
import type { Principal, TeamGate } from '../../db/team-host/gate';

/**
 * How a team host (`rankwise serve --team`) knows who a request is from, over HTTP.
 *
 * - A person opens their link once: `/?token=…`. The host answers with a redirect to the same
 *   address without the token and an HttpOnly, SameSite=Strict cookie holding it (Secure over
 *   TLS). The token never becomes a history entry, the page's script never sees it (so no
 *   injected script could read it), and the page sends no Referer anyway (no-referrer).
 * - The page's calls then carry the cookie. Cross-site requests cannot: SameSite=Strict keeps
 *   the browser from attaching it, and every request with an Origin header that is not the
 *   host's own is refused. A POST authenticated by the cookie must also carry that Origin
 *   (browsers always send it on POST), so a request that cannot prove it comes from the page
 *   is refused rather than trusted.
 * - Scripts and tests send `Authorization: Bearer <token>`, as with the single-user host.
 *
 * Every credential is looked up in the project file at each request (TeamGate.identify), so
 * invitations and revocations made meanwhile count at once. Wrong tokens from one address
 * are slowed down (WrongTokenLimiter).
 */

export type Credential = { token: string; via: 'query' | 'bearer' | 'cookie' };

/** The credential a request presents, by precedence: a link being opened, a header, the cookie. */
export function presented(req: IncomingMessage, url: URL, cookieName: string): Credential | null {
  const query = url.searchParams.get('token');
  if (query) return { token: query, via: 'query' };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && auth.length > 7)
    return { token: auth.slice(7), via: 'bearer' };
  const cookie = (req.headers.cookie ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${cookieName}=`));
  if (cookie && cookie.length > cookieName.length + 1)
    return { token: cookie.slice(cookieName.length + 1), via: 'cookie' };
  return null;
}

/** The cookie a link is exchanged for. A session cookie: it ends with the browser. */
export function sessionCookie(name: string, token: string, secure: boolean): string {
  return `${name}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

/** The address a link was opened at, without its token (kept: the path, other query, hash). */
export function withoutToken(url: URL): string {
  const clean = new URL(url.href);
  clean.searchParams.delete('token');
  return `${clean.pathname}${clean.search}`;
}

export type Authenticated =
  | { ok: true; principal: Principal; credential: Credential }
  | {
      ok: false;
      status: 401 | 429;
      code: 'UNAUTHORIZED' | 'ACCESS_REVOKED' | 'RATE_LIMITED';
      message: string;
      retryAfterS?: number;
    };

/** Who a request is from, or why it is refused (wrong tokens counted against its address). */
export function authenticate(
  gate: TeamGate,
  limiter: WrongTokenLimiter,
  req: IncomingMessage,
  url: URL,
  cookieName: string,
): Authenticated {
  const credential = presented(req, url, cookieName);
  if (!credential)
    return {
      ok: false,
      status: 401,
      code: 'UNAUTHORIZED',
      message:
        'No link or token. Open the link the lead sent you (it ends with ?token=...); the lead opens the one `rankwise serve --team` printed.',
    };
  const address = req.socket.remoteAddress ?? 'unknown';
  const blocked = limiter.blockedFor(address);
  if (blocked > 0)
    return {
      ok: false,
      status: 429,
      code: 'RATE_LIMITED',
      message: `Too many wrong links or tokens from ${address}: try again in ${Math.ceil(blocked / 1000)} s.`,
      retryAfterS: Math.ceil(blocked / 1000),
    };
  const who = gate.identify(credential.token);
  if (who.ok) {
    limiter.succeeded(address);
    return { ok: true, principal: who.principal, credential };
  }
  // A revoked or replaced link is a real one: telling its owner is not a guess to slow down.
  if (who.code === 'UNAUTHORIZED') limiter.failed(address);
  return { ok: false, status: 401, code: who.code, message: who.message };
}

export interface LimiterOptions {
  /** Wrong tokens allowed per window before the address is slowed down. */
  free?: number;
  windowMs?: number;
  /** The longest an address is refused; each wrong token past `free` doubles the wait up to it. */
  maxBlockMs?: number;
  now?: () => number;
  /** Addresses remembered at most (the least recent are forgotten). */
  maxAddresses?: number;
}

/**
 * Slows down guessing: after `free` wrong tokens from one address within a window, every
 * request with a credential from it is refused (429, Retry-After) for 1 s, then 2, 4, … up to
 * a minute per further wrong token, whatever the token, so a guess cannot even be checked
 * meanwhile. Tokens are 32 random bytes, so this is a second wall, and a quiet log.
 */
export class WrongTokenLimiter {
  private readonly byAddress = new Map<
    string,
    { failures: number; windowStart: number; blockedUntil: number }
  >();
  private readonly free: number;
  private readonly windowMs: number;
  private readonly maxBlockMs: number;
  private readonly now: () => number;
  private readonly maxAddresses: number;

  constructor(options: LimiterOptions = {}) {
    this.free = options.free ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxBlockMs = options.maxBlockMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.maxAddresses = options.maxAddresses ?? 10_000;
  }

  /** How long this address is still refused, in ms (0: not). */
  blockedFor(address: string): number {
    const s = this.byAddress.get(address);
    return s ? Math.max(0, s.blockedUntil - this.now()) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    let s = this.byAddress.get(address);
    if (!s || now - s.windowStart > this.windowMs)
      s = { failures: 0, windowStart: now, blockedUntil: s?.blockedUntil ?? 0 };
    s.failures++;
    if (s.failures > this.free)
      s.blockedUntil = now + Math.min(this.maxBlockMs, 1000 * 2 ** (s.failures - this.free - 1));
    // Re-inserted so the map's order is least recently failed first.
    this.byAddress.delete(address);
    this.byAddress.set(address, s);
    if (this.byAddress.size > this.maxAddresses)
      this.byAddress.delete(this.byAddress.keys().next().value!);
  }

  succeeded(address: string): void {
    const s = this.byAddress.get(address);
    if (s && s.blockedUntil <= this.now()) this.byAddress.delete(address);
  }
}
