import { nestingProblem, RENDER_TIMEOUT_MS } from './limits';
import type { SafeTree } from './pipeline';
import type { RenderReply, RenderRequest } from './protocol';

export type Rendered =
  | { status: 'ready'; tree: SafeTree }
  /** Shown as plain text, and why. */
  | { status: 'plain'; reason: string }
  | { status: 'pending' };

const PENDING: Rendered = { status: 'pending' };
const MAX_ENTRIES = 400;
const MAX_CACHED_CHARS = 12_000_000;

interface Job {
  id: number;
  text: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Turns texts into safe trees, one at a time, in a worker: cached (a text seen before, or
 * prefetched with the next item, renders at once), bounded (a text that takes longer than the
 * timeout has its worker stopped and is shown plain), and urgent-first (what is on screen goes
 * before what is prefetched). Where workers cannot start, the same pipeline runs in the page.
 */
export class MarkdownRenderer {
  private cache = new Map<string, Rendered>();
  private cachedChars = 0;
  private listeners = new Map<string, Set<() => void>>();
  private queue: string[] = [];
  private queued = new Set<string>();
  private job: Job | null = null;
  private worker: Worker | null = null;
  private workerBroken = false;
  private nextId = 1;

  constructor(
    private readonly makeWorker: (() => Worker) | null,
    private readonly timeoutMs = RENDER_TIMEOUT_MS,
  ) {}

  /** The current state for a text, asking for it if nobody has. Stable objects per state. */
  peek(text: string): Rendered {
    const hit = this.cache.get(text);
    if (hit) {
      // Least recently used goes first: a hit moves to the back of the line.
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit;
    }
    this.request(text, true);
    return this.cache.get(text) ?? PENDING;
  }

  /** Ask for texts ahead of need (the prefetched item). */
  prefetch(texts: readonly string[]): void {
    for (const t of texts) if (!this.cache.has(t)) this.request(t, false);
  }

  /** Resolves once a text has a result (formatted or plain): what pre-rendering waits for. */
  settled(text: string): Promise<void> {
    if (this.cache.has(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.subscribe(text, () => {
        off();
        resolve();
      });
      this.request(text, false);
    });
  }

  subscribe(text: string, listener: () => void): () => void {
    let set = this.listeners.get(text);
    if (!set) this.listeners.set(text, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(text);
    };
  }

  private request(text: string, urgent: boolean): void {
    const problem = nestingProblem(text);
    if (problem) return this.settle(text, { status: 'plain', reason: problem });
    if (this.job?.text === text) return;
    if (this.queued.has(text)) {
      if (!urgent) return;
      this.queue.splice(this.queue.indexOf(text), 1);
    }
    this.queued.add(text);
    if (urgent) this.queue.unshift(text);
    else this.queue.push(text);
    this.pump();
  }

  private pump(): void {
    if (this.job || !this.queue.length) return;
    const text = this.queue.shift()!;
    this.queued.delete(text);
    const worker = this.ensureWorker();
    if (!worker) {
      void this.renderInPage(text);
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(() => this.timedOut(id), this.timeoutMs);
    this.job = { id, text, timer };
    worker.postMessage({ id, text } satisfies RenderRequest);
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.workerBroken || !this.makeWorker) return this.worker;
    try {
      const w = this.makeWorker();
      w.onmessage = (e: MessageEvent<RenderReply>) => this.replied(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        this.workerFailed(e.message);
      };
      this.worker = w;
    } catch {
      this.workerBroken = true;
    }
    return this.worker;
  }

  private replied(reply: RenderReply): void {
    const job = this.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(job.timer);
    this.job = null;
    this.settle(
      job.text,
      reply.ok ? { status: 'ready', tree: reply.tree } : { status: 'plain', reason: reply.reason },
    );
    this.pump();
  }

  private timedOut(id: number): void {
    const job = this.job;
    if (!job || job.id !== id) return;
    // The worker may be stuck for good on this text: stop it and start afresh for the rest.
    this.worker?.terminate();
    this.worker = null;
    this.job = null;
    this.settle(job.text, {
      status: 'plain',
      reason: 'took too long to format; shown as plain text',
    });
    this.pump();
  }

  /** The worker script could not load or crashed: format in the page from now on. */
  private workerFailed(reason: string): void {
    // Formatting in the page works but loses the time limit: worth knowing about.
    console.warn(`markdown worker failed (${reason}); formatting in the page from now on`);
    this.worker?.terminate();
    this.worker = null;
    this.workerBroken = true;
    const job = this.job;
    this.job = null;
    if (job) {
      clearTimeout(job.timer);
      this.queue.unshift(job.text);
    }
    this.pump();
  }

  private async renderInPage(text: string): Promise<void> {
    this.job = { id: this.nextId++, text, timer: setTimeout(() => undefined, 0) };
    try {
      const { markdownToTree } = await import('./pipeline');
      this.settle(text, { status: 'ready', tree: markdownToTree(text) });
    } catch (e) {
      this.settle(text, { status: 'plain', reason: `could not format: ${(e as Error).message}` });
    } finally {
      this.job = null;
      this.pump();
    }
  }

  private settle(text: string, result: Rendered): void {
    this.cache.set(text, result);
    this.cachedChars += text.length;
    while (this.cache.size > MAX_ENTRIES || this.cachedChars > MAX_CACHED_CHARS) {
      const oldest = this.cache.keys().next().value as string;
      if (this.listeners.has(oldest) && this.cache.size <= MAX_ENTRIES * 2) break;
      this.cache.delete(oldest);
      this.cachedChars -= oldest.length;
    }
    for (const l of [...(this.listeners.get(text) ?? [])]) l();
  }
}

/** The page's renderer: a module worker, built by Vite from markdown.worker.ts. */
export const markdownRenderer = new MarkdownRenderer(
  typeof Worker === 'undefined'
    ? null
    : () => new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module' }),
);
