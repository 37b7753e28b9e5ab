import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenderReply, RenderRequest } from './protocol';
import { MarkdownRenderer } from './render-service';

/** A worker we answer by hand: what the page does around it is what is under test. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: RenderRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<RenderReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: RenderRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(r: RenderReply) {
    this.onmessage?.({ data: r } as MessageEvent<RenderReply>);
  }
}

const tree = (s: string) => ({
  type: 'root' as const,
  children: [{ type: 'text' as const, value: s }],
});

describe('MarkdownRenderer', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());
  const make = () => new MarkdownRenderer(() => new FakeWorker() as unknown as Worker, 1000);

  it('renders in the worker, one text at a time, what is on screen first', () => {
    const r = make();
    r.prefetch(['next-1', 'next-2']);
    expect(r.peek('shown')).toEqual({ status: 'pending' });
    const w = FakeWorker.made[0]!;
    expect(w.sent.map((m) => m.text)).toEqual(['next-1']);
    const seen = vi.fn();
    r.subscribe('shown', seen);
    w.reply({ id: w.sent[0]!.id, ok: true, tree: tree('n1') });
    expect(w.sent.map((m) => m.text)).toEqual(['next-1', 'shown']);
    w.reply({ id: w.sent[1]!.id, ok: true, tree: tree('s') });
    expect(seen).toHaveBeenCalledOnce();
    expect(r.peek('shown')).toEqual({ status: 'ready', tree: tree('s') });
    // Cached: asking again costs nothing.
    expect(w.sent.map((m) => m.text)).toEqual(['next-1', 'shown', 'next-2']);
  });

  it('stops a worker that takes too long, shows that text plain and carries on with a new one', () => {
    const r = make();
    r.peek('slow');
    r.prefetch(['after']);
    vi.advanceTimersByTime(1000);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(r.peek('slow')).toEqual({
      status: 'plain',
      reason: 'took too long to format; shown as plain text',
    });
    expect(FakeWorker.made[1]!.sent.map((m) => m.text)).toEqual(['after']);
  });

  it('does not even send a text nested too deeply to parse', () => {
    const r = make();
    expect(r.peek('> '.repeat(5000))).toEqual({
      status: 'plain',
      reason: 'nested too deeply to format; shown as plain text',
    });
    expect(FakeWorker.made).toHaveLength(0);
  });

  it('formats in the page when the worker cannot start', async () => {
    vi.useRealTimers();
    const r = new MarkdownRenderer(() => {
      throw new Error('no workers here');
    });
    const done = new Promise<void>((ok) => r.subscribe('**hi**', ok));
    r.peek('**hi**');
    await done;
    expect(r.peek('**hi**').status).toBe('ready');
  });
});
