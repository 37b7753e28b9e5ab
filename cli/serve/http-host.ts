import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { isIP } from 'node:net';
import { basename, extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import type { Backend } from '../../db/backend';
import { dispatch } from '../../db/dispatch';
import { withinBoundary } from '../../db/fault-boundary';
import type { Principal, TeamGate } from '../../db/team-host/gate';
import type { JobStatus } from '../../db/jobs';
import { UploadTooLargeError } from '../../db/uploads';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import {
  authenticate,
  sessionCookie,
  withoutToken,
  WrongTokenLimiter,
  type LimiterOptions,
} from './team-http';
import { writeZip, zipEntriesOfFolder } from './zip';

/** What the host serves: a Backend, or a ProjectHost whose project may not have opened. */
export interface ServedBackend {
  handlers: Backend['handlers'];
  events: Backend['events'];
  jobs: Pick<Backend['jobs'], 'status'>;
  /** Where files sent to POST /upload are kept for imports.* and merge.start (null: no project open). */
  uploads: Pick<Backend['uploads'], 'receive'> | null;
}

export interface HttpHostOptions {
  backend: ServedBackend;
  /** The built renderer (dist/renderer); null serves the API only. */
  rendererDir: string | null;
  /** The address to listen on (`--host`): loopback unless `allowRemote`. */
  bindAddress?: string;
  port?: number;
  token?: string;
  /** Required to bind anything but a loopback address. */
  allowRemote?: boolean;
  maxBodyBytes?: number;
  /** Largest file accepted at POST /upload (default 4 GiB). */
  maxUploadBytes?: number;
  /**
   * A team host: each person's own link and role, checked by the gate per request and per
   * method (cli/serve/team-http.ts). Absent: one token, one person, as before.
   */
  team?: { gate: TeamGate; limiter?: LimiterOptions };
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** How long a refused upload's remaining bytes are read and dropped before the connection is closed. */
const REFUSED_UPLOAD_LINGER_MS = 5_000;

export interface HttpHost {
  url: string;
  /** The URL to open: carries the token once, which the page then keeps. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * The browser host: serves the built renderer and the same dispatch as Electron's IPC, over
 * HTTP on loopback. Every request must carry the random token (query once, then a cookie for
 * assets and a bearer header for API calls); the Host header is checked against DNS rebinding;
 * there is no CORS, so other origins cannot call it.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const host = options.bindAddress ?? '127.0.0.1';
  if (!isLoopback(host) && !options.allowRemote) {
    throw new Error(
      `refusing to listen on ${host}: it is not a loopback address, so anyone who can reach it and learn the token could read and change the project. Pass --allow-remote to do it anyway.`,
    );
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const maxUpload = options.maxUploadBytes ?? 4 * 1024 ** 3;
  const { backend } = options;
  const rendererDir = options.rendererDir ? resolve(options.rendererDir) : null;
  let port = 0;
  const cookieName = () => `rankwise_${port}`;
  const scheme = options.tls ? 'https' : 'http';
  const team = options.team
    ? { gate: options.team.gate, limiter: new WrongTokenLimiter(options.team.limiter) }
    : null;

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const failed = (e: Error) => {
      if (res.headersSent) return void res.destroy();
      const message = `internal error: ${e.message}`;
      if (req.url?.startsWith('/api/') || req.url?.startsWith('/upload'))
        send(
          res,
          500,
          'application/json',
          JSON.stringify({ ok: false, error: { code: 'INTERNAL', message } }),
        );
      else send(res, 500, 'text/plain; charset=utf-8', message);
    };
    // Each request is a fault boundary: whatever escapes it (a stream's unheard 'error', say)
    // is answered as this request's failure and the host stays up (db/fault-boundary.ts).
    void withinBoundary({ what: `${req.method} ${req.url?.split('?')[0]}`, fail: failed }, () =>
      (team ? handleTeam(req, res, team) : handle(req, res)).catch((e: unknown) =>
        failed(e as Error),
      ),
    );
  };
  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener);

  function send(
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ) {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
    res.end(body);
  }

  function tokenOk(candidate: string | undefined | null): boolean {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  }

  function presentedToken(req: IncomingMessage, url: URL): { ok: boolean; viaQuery: boolean } {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && tokenOk(auth.slice(7))) return { ok: true, viaQuery: false };
    if (tokenOk(url.searchParams.get('token'))) return { ok: true, viaQuery: true };
    const cookie = (req.headers.cookie ?? '')
      .split(/;\s*/)
      .find((c) => c.startsWith(`${cookieName()}=`));
    if (cookie && tokenOk(cookie.slice(cookieName().length + 1)))
      return { ok: true, viaQuery: false };
    return { ok: false, viaQuery: false };
  }

  function hostAllowed(req: IncomingMessage): boolean {
    if (options.allowRemote) return true;
    const h = req.headers.host ?? '';
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`].includes(
      h,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req))
      return send(res, 421, 'text/plain; charset=utf-8', 'unexpected Host header');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'malformed URL');
    }
    const origin = req.headers.origin;
    if (origin && origin !== `${scheme}://${req.headers.host}`) {
      return send(res, 403, 'text/plain; charset=utf-8', 'cross-origin requests are refused');
    }
    const auth = presentedToken(req, url);
    if (!auth.ok) {
      return send(
        res,
        401,
        'text/plain; charset=utf-8',
        'Missing or wrong token. Open the URL that `rankwise serve` printed (it ends with ?token=...).\n',
      );
    }

    if (url.pathname === '/api/events' && req.method === 'GET') return events(req, res);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return send(res, 405, 'text/plain; charset=utf-8', 'use POST', { allow: 'POST' });
      const method = decodeURIComponent(url.pathname.slice(5));
      // Refuse a declared oversize body before reading a byte of it.
      const declared = Number(req.headers['content-length'] ?? 0);
      const body = declared > maxBody ? null : await readBody(req, maxBody);
      if (body === null) {
        // The rest of the body is not read: close the connection rather than drain it.
        return send(res, 413, 'text/plain; charset=utf-8', `request body over ${maxBody} bytes`, {
          connection: 'close',
        });
      }
      const input = parseJson(body);
      if (input === NOT_JSON) return notJson(res);
      const started = performance.now();
      const result = await dispatch(backend.handlers, method, input);
      const reply = JSON.stringify(result);
      // How long the backend took, for the browser's resource timing (the labelling bench
      // splits a save's round trip into this and the rest).
      const dur = (performance.now() - started).toFixed(2);
      return send(res, 200, 'application/json', reply, { 'server-timing': `dispatch;dur=${dur}` });
    }
    if (url.pathname.startsWith('/download/') && req.method === 'GET')
      return download(url.pathname.slice(10), res);
    if (url.pathname === '/upload') {
      if (req.method !== 'POST')
        return send(res, 405, 'text/plain; charset=utf-8', 'use POST', { allow: 'POST' });
      return upload(req, url, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    return staticFile(url, res, auth.viaQuery);
  }

  function events(req: IncomingMessage, res: ServerResponse, principal?: Principal): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const write = (name: string, payload: unknown) =>
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    // A team host's page gets what its person may see, and is closed when their link ends.
    const unsubscribe =
      team && principal
        ? team.gate.openStream(principal, write, () => res.end())
        : backend.events.subscribe(write);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  /**
   * A team host's request: who it is from (the link, header or cookie looked up in the file),
   * then the same routes as the single-user host, each allowed by the gate for that person.
   */
  async function handleTeam(
    req: IncomingMessage,
    res: ServerResponse,
    t: NonNullable<typeof team>,
  ): Promise<void> {
    if (!hostAllowed(req))
      return send(res, 421, 'text/plain; charset=utf-8', 'unexpected Host header');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `${scheme}://${req.headers.host}`);
      decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'malformed URL');
    }
    const ownOrigin = `${scheme}://${req.headers.host}`;
    const origin = req.headers.origin;
    if (origin && origin !== ownOrigin)
      return send(res, 403, 'text/plain; charset=utf-8', 'cross-origin requests are refused');
    const api = url.pathname.startsWith('/api/') || url.pathname === '/upload';
    const page = !api && !url.pathname.startsWith('/download/');
    // The UI's own files hold no project data and are the same for everyone: served without a
    // credential. A link is usually opened from another site (mail, chat), and the browser
    // does not send a SameSite=Strict cookie on a navigation that began elsewhere, not even
    // after the redirect below; the page's own calls are same-site, so they carry it.
    if (page && (req.method === 'GET' || req.method === 'HEAD') && !url.searchParams.has('token'))
      return staticFile(url, res, false);
    const refuse = (status: number, code: string, message: string, extra = {}) =>
      api
        ? send(
            res,
            status,
            'application/json',
            JSON.stringify({ ok: false, error: { code, message } }),
            extra,
          )
        : send(res, status, 'text/plain; charset=utf-8', `${message}\n`, extra);
    const auth = authenticate(t.gate, t.limiter, req, url, cookieName());
    if (!auth.ok)
      return refuse(
        auth.status,
        auth.code,
        auth.message,
        auth.retryAfterS ? { 'retry-after': String(auth.retryAfterS) } : {},
      );
    const { principal, credential } = auth;
    if (credential.via === 'query') {
      // A link is traded for the cookie and taken out of the address at once.
      if (api || (req.method !== 'GET' && req.method !== 'HEAD'))
        return refuse(
          400,
          'INVALID_INPUT',
          'a token goes in the Authorization header, not the address',
        );
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        location: withoutToken(url),
        'set-cookie': sessionCookie(cookieName(), credential.token, scheme === 'https'),
      });
      return void res.end();
    }
    if (credential.via === 'cookie' && req.method === 'POST' && origin !== ownOrigin)
      return refuse(
        403,
        'FORBIDDEN',
        'a request authenticated by the page cookie must come from the page (its Origin header)',
      );

    if (url.pathname === '/api/events' && req.method === 'GET') return events(req, res, principal);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return send(res, 405, 'text/plain; charset=utf-8', 'use POST', { allow: 'POST' });
      const method = decodeURIComponent(url.pathname.slice(5));
      const declared = Number(req.headers['content-length'] ?? 0);
      const body = declared > maxBody ? null : await readBody(req, maxBody);
      if (body === null)
        return send(res, 413, 'text/plain; charset=utf-8', `request body over ${maxBody} bytes`, {
          connection: 'close',
        });
      const input = parseJson(body);
      if (input === NOT_JSON) return notJson(res);
      const { status, result } = await t.gate.call(principal, method, input);
      return send(res, status, 'application/json', JSON.stringify(result));
    }
    if (url.pathname.startsWith('/download/') && req.method === 'GET') {
      const jobId = decodeURIComponent(url.pathname.slice(10));
      if (principal.role !== 'lead' && t.gate.jobOwner(jobId) !== principal.labeller.id)
        return refuse(
          403,
          'FORBIDDEN',
          'only the lead, or whoever started it, downloads a job’s file',
        );
      return download(url.pathname.slice(10), res);
    }
    if (url.pathname === '/upload') {
      if (req.method !== 'POST')
        return send(res, 405, 'text/plain; charset=utf-8', 'use POST', { allow: 'POST' });
      if (principal.role !== 'lead')
        return refuse(403, 'FORBIDDEN', 'only the lead sends files to import or merge');
      return upload(req, url, res, true);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    return staticFile(url, res, false);
  }

  /**
   * Exports made through the UI are fetched by job id: no path from the client reaches the
   * disk. One file downloads as it is; a dataset folder or a split export's files come as
   * one zip (folder structure kept), streamed.
   */
  function download(jobId: string, res: ServerResponse): void {
    const result = downloadOf(backend.jobs.status(decodeURIComponent(jobId)));
    if (!result)
      return send(res, 404, 'text/plain; charset=utf-8', 'no finished export with that id');
    const { path, folder, files } = result;
    const safeName = (n: string) => n.replace(/[^\w.-]/g, '_');
    if (folder || files.length > 1) {
      const entries = folder
        ? zipEntriesOfFolder(path, basename(path))
        : files.map((f) => ({ name: basename(f), path: f }));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${safeName(basename(path))}.zip"`,
      });
      writeZip(res, entries).then(
        () => res.end(),
        () => res.destroy(),
      );
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${safeName(basename(path))}"`,
      'content-length': String(statSync(path).size),
    });
    // pipeline, not pipe(): a file that cannot be read ends this response, not the host.
    pipeline(createReadStream(path), res, () => undefined);
  }

  /**
   * `POST /upload?name=<file name>`: a file for the backend to read (a dataset to import, an
   * annotation or project file to merge), the raw bytes as the body, streamed to a temp file
   * (never held in memory) and refused past the size limit. The bearer token is required (not
   * the cookie): only the page's own script can upload. Answers `{ok, value: {uploadId, name,
   * size, bytes}}` like an API call; imports.* and merge.start then name the file by its id.
   */
  async function upload(
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    /** A team host checked who sends it (the lead, by header or by cookie from the page). */
    checked = false,
  ): Promise<void> {
    const json = (status: number, result: unknown) =>
      send(res, status, 'application/json', JSON.stringify(result));
    const auth = req.headers.authorization;
    if (!checked && (!auth?.startsWith('Bearer ') || !tokenOk(auth.slice(7))))
      return send(res, 401, 'text/plain; charset=utf-8', 'uploads need the bearer token');
    const uploads = backend.uploads;
    if (!uploads)
      return json(409, {
        ok: false,
        error: { code: 'CONFLICT', message: 'no project is open to receive files' },
      });
    // The client may still be sending the rest of the file. What still arrives is read and
    // dropped, for a while, so the client reads the answer and stops: closing a socket with
    // data unread makes the OS reset the connection, and a client writing into a reset
    // connection may report that instead of the answer.
    const tooLarge = () => {
      json(413, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: new UploadTooLargeError(maxUpload).message },
      });
      req.resume();
      const linger = setTimeout(() => req.destroy(), REFUSED_UPLOAD_LINGER_MS);
      linger.unref();
      req.once('close', () => clearTimeout(linger));
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxUpload) return tooLarge();
    try {
      const value = await uploads.receive(
        url.searchParams.get('name') ?? 'upload',
        // A refused upload stops reading before the body ends: the request (and its socket)
        // must outlive that to carry the 413.
        req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>,
        maxUpload,
      );
      return json(200, { ok: true, value: { ...value, bytes: value.size } });
    } catch (e) {
      if (e instanceof UploadTooLargeError) return tooLarge();
      if (req.destroyed) return;
      throw e;
    }
  }

  function staticFile(url: URL, res: ServerResponse, setCookie: boolean): void {
    if (!rendererDir)
      return send(res, 404, 'text/plain; charset=utf-8', 'no renderer built (run npm run build)');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = resolve(rendererDir, rel);
    // No path traversal, no directory listing: only regular files under the renderer dir.
    if (!file.startsWith(rendererDir + sep))
      return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      size = st.size;
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    }
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
    };
    if (setCookie)
      headers['set-cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    pipeline(createReadStream(file), res, () => undefined);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  port = (server.address() as { port: number }).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `${scheme}://${shown}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(body: string): unknown {
  try {
    return body.length ? (JSON.parse(body) as unknown) : {};
  } catch {
    return NOT_JSON;
  }
}

function notJson(res: ServerResponse): void {
  res.writeHead(400, { ...SECURITY_HEADERS, 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'request body is not JSON' },
    }),
  );
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * What a finished job offers for download: the file it wrote, or (a dataset folder, a split
 * export's files) what goes into one zip. Jobs that write no file offer nothing.
 */
function downloadOf(
  status: JobStatus | undefined,
): { path: string; folder: boolean; files: string[] } | null {
  if (status?.status !== 'succeeded') return null;
  switch (status.kind) {
    case 'export':
      return {
        path: status.result.path,
        folder: status.result.container === 'folder',
        files: status.result.files.map((f) => f.path),
      };
    case 'package':
    case 'annotations':
      return { path: status.result.path, folder: false, files: [] };
    default:
      return null;
  }
}
