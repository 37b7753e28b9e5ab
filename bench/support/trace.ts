import type { Browser, Page } from '@playwright/test';

/** Where a page's main-thread time went, in ms, from a Chromium trace. */
export interface TraceBreakdown {
  scripting: number;
  style: number;
  layout: number;
  paint: number;
  gc: number;
}

/** Trace event names, by where their time goes (as DevTools' performance panel groups them). */
const BUCKETS: Record<keyof TraceBreakdown, readonly string[]> = {
  scripting: [
    'EventDispatch',
    'FunctionCall',
    'EvaluateScript',
    'v8.evaluateModule',
    'TimerFire',
    'FireAnimationFrame',
    'RunMicrotasks',
    'XHRReadyStateChange',
    'XHRLoad',
  ],
  style: ['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet'],
  layout: [
    'Layout',
    'UpdateLayer',
    'UpdateLayerTree',
    'IntersectionObserverController::computeIntersections',
  ],
  paint: ['Paint', 'PaintImage', 'PrePaint', 'CompositeLayers', 'Layerize', 'Commit'],
  gc: ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase'],
};

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Run `work` with Chromium tracing on, and sum the page's main-thread self time per bucket. */
export async function traced<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; breakdown: TraceBreakdown }> {
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8',
      'blink.user_timing',
    ],
  });
  const result = await work();
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  // The renderer's main thread: the thread named CrRendererMain with the most events.
  const mains = new Map<string, number>();
  for (const e of traceEvents)
    if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.set(`${e.pid}:${e.tid}`, 0);
  for (const e of traceEvents) {
    const k = `${e.pid}:${e.tid}`;
    if (mains.has(k)) mains.set(k, mains.get(k)! + 1);
  }
  const main = [...mains].sort((a, b) => b[1] - a[1])[0]?.[0];
  const bucketOf = new Map<string, keyof TraceBreakdown>();
  for (const [b, names] of Object.entries(BUCKETS) as Array<
    [keyof TraceBreakdown, readonly string[]]
  >)
    for (const n of names) bucketOf.set(n, b);
  const breakdown: TraceBreakdown = { scripting: 0, style: 0, layout: 0, paint: 0, gc: 0 };
  // Complete events ('X') on the main thread, as a tree by time: each counts its own time,
  // less its children's (a layout forced inside a script counts as layout, as DevTools shows).
  const events = traceEvents
    .filter(
      (e) =>
        e.ph === 'X' && `${e.pid}:${e.tid}` === main && bucketOf.has(e.name) && e.dur !== undefined,
    )
    .map((e) => e as TraceEvent & { ts: number; dur: number })
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack: Array<{ end: number; bucket: keyof TraceBreakdown }> = [];
  for (const e of events) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const bucket = bucketOf.get(e.name)!;
    breakdown[bucket] += e.dur / 1000;
    const parent = stack[stack.length - 1];
    if (parent) breakdown[parent.bucket] -= e.dur / 1000;
    stack.push({ end: e.ts + e.dur, bucket });
  }
  return { result, breakdown };
}
