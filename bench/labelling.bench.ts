import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { importFile } from '../db/import/import-file';
import { appendRevision } from '../db/judgments';
import { ensureLabeller } from '../db/labellers';
import { openProject } from '../db/open';
import { defineBench, scaled, type CaseResult } from './harness';
import {
  FIRST_INTERACTIVE,
  firstInteractive,
  launchChromium,
  median,
  percentile,
  serve,
} from './support/browser';
import { traced } from './support/trace';
import { benchDir } from './support/data';
import { markdownAnswer } from './support/markdown-text';

/**
 * The labelling screen's speed, measured in Chromium through Playwright on the real backend
 * (`rankwise serve`), each figure beside a baseline from the same run:
 * - key → next item painted, with two 20 KB markdown answers with code: the labeller's key
 *   press that completes a judgment, the save (HTTP, SQLite commit with synchronous=FULL),
 *   and the next item on screen. Baseline: the same texts painted into two plain <pre>
 *   elements on a key press, with no save: the floor for showing that much text at all.
 * - first item interactive on a 100k-item project, half of it judged by this labeller.
 *   Baseline: the same app opening a 100-item project.
 * - first item interactive on a 1M-item project, 90% of it judged by this labeller, from
 *   `rankwise serve` starting (a new process) to the first item painted with its keys
 *   working, split into serve start → URL printed and page load → first item. Baseline: the
 *   same on a 100-item project.
 * - a 5 MB reply: the longest main-thread task while it is fetched, checked, formatted and
 *   shown. Baseline: its text parsed from JSON into a plain <pre>.
 * - scrolling the item browser over the 100k items. Baseline: the frame cadence of scrolling
 *   a plain element of the same height (the browser's own).
 */

const LABELLER = 'Bench';

async function writeJsonl(path: string, n: number, item: (i: number) => unknown): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < n; i++) {
    if (!out.write(JSON.stringify(item(i)) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** A project of `n` items; the first `judged` of them already judged by the bench labeller. */
async function makeProject(dir: string, name: string, n: number, judged: number, bytes = 0) {
  const file = join(dir, `${name}.jsonl`);
  await writeJsonl(file, n, (i) => ({
    id: `item-${i}`,
    prompt: bytes
      ? `Question ${i}: explain the code below and fix what is wrong with it.`
      : `Question ${i}: which colour is the sky on planet ${i}?`,
    responses: bytes
      ? [markdownAnswer(i * 2 + 1, bytes), markdownAnswer(i * 2 + 2, bytes)]
      : [`Blue, on planet ${i}.`, `Green, on planet ${i}, at dusk.`],
  }));
  const path = join(dir, `${name}.rankwise`);
  const project = openProject(path, { create: true });
  try {
    await importFile(project.db, file);
    const labeller = ensureLabeller(project.db, { name: LABELLER });
    project.db.transaction(() => {
      for (let i = 0; i < judged; i++)
        appendRevision(project.db, {
          itemId: `item-${i}`,
          labellerId: labeller.id,
          verdict: {
            kind: 'pairwise',
            outcome: 'preferred',
            chosenIdx: 0,
            rejectedIdx: 1,
            strength: null,
            criteria: {},
          },
          rationale: null,
          flags: [],
          displayedOrder: [0, 1],
          timeMs: 1000,
          guidelineVersion: 1,
          taskVersion: 1,
        });
    })();
  } finally {
    project.close();
  }
  return path;
}

/**
 * Runs in the page, with nothing from Playwright in between (its calls cost the page's main
 * thread time of their own): presses "1" (a keydown the app's table handles like a typed
 * one), waits for the next item to be on screen and painted, and records the time. Before
 * each press it waits until `ready` holds and a moment passes, as a labeller reads first.
 */
function keyLoop(presses: number, ready: string, changed: string, childList = false): string {
  return `new Promise((done) => {
    const samples = [];
    const afterPaint = (f) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = f; ch.port2.postMessage(0); });
    const press = () => {
      if (samples.length >= ${presses}) return done(samples);
      if (!(${ready})) return setTimeout(press, 50);
      setTimeout(() => {
        const before = ${changed};
        const t0 = performance.now();
        const mo = new MutationObserver(() => {
          if (${changed} === before) return;
          mo.disconnect();
          afterPaint(() => { samples.push(performance.now() - t0); setTimeout(press, 0); });
        });
        // Only the attribute that says which item is shown (or, in the baseline, the text):
        // observing every node the app builds would cost the page more than it measures.
        mo.observe(document.body, { subtree: true, attributeFilter: ['data-item-id'], childList: ${childList} });
        document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', code: 'Digit1', bubbles: true }));
      }, 200);
    };
    press();
  })`;
}

/** The baseline page: the same texts painted into two <pre> on each key press, nothing else. */
function plainPage(texts: Array<[string, string]>): string {
  return `<!doctype html><body><pre id="a" style="white-space:pre-wrap"></pre><pre id="b" style="white-space:pre-wrap"></pre><script>
    const texts = ${JSON.stringify(texts).replace(/</g, '\\u003c')};
    let i = 0;
    document.addEventListener('keydown', (e) => {
      if (e.key !== '1') return;
      const [a, b] = texts[i++ % texts.length];
      document.getElementById('a').textContent = a;
      document.getElementById('b').textContent = b;
    });
  </script></body>`;
}

/** Frame intervals while a scrollable element is scrolled by `step` px each frame. */
function scrollFrames(selector: string, frames: number, step: number): string {
  return `new Promise((done) => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const gaps = []; let blank = 0; let last = performance.now(); let n = 0;
    const tick = () => {
      const now = performance.now(); gaps.push(now - last); last = now;
      if (document.querySelector('[data-testid="browser-row-loading"]')) blank++;
      el.scrollTop += ${step};
      if (++n < ${frames}) requestAnimationFrame(tick); else done({ gaps: gaps.slice(1), blank });
    };
    requestAnimationFrame(tick);
  })`;
}

/**
 * Key → next item painted, with a Chromium trace of where the page's main-thread time went
 * (per judgment: scripting, style, layout, paint, GC) and the save's round trip (the
 * judgments.submit request, from the page's resource timing). `bytes` 0: short items.
 */
async function keyToPaint(bytes: number): Promise<CaseResult[]> {
  const presses = scaled(60);
  const t = benchDir();
  const browser = await launchChromium();
  try {
    const path = await makeProject(t.dir, bytes ? 'markdown' : 'short', presses + 5, 0, bytes);
    const server = await serve(path, LABELLER);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.getByTestId('labelling').waitFor();
      // A labeller reads before judging: the next item is fetched and formatted meanwhile.
      const { result: samples, breakdown } = await traced(browser, page, () =>
        page.evaluate<number[]>(
          keyLoop(
            presses,
            `!!document.querySelector('[data-testid="upcoming-content"]')`,
            `document.querySelector('[data-testid="labelling"]')?.getAttribute('data-item-id')`,
          ),
        ),
      );
      const submits = await page.evaluate<Array<[number, number]>>(
        `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/judgments.submit')).map((e) => [e.responseEnd - e.startTime, e.serverTiming.find((t) => t.name === 'dispatch')?.duration ?? NaN])`,
      );
      const saves = submits.map(([total]) => total);
      const backend = submits.map(([, server]) => server);

      const texts: Array<[string, string]> = Array.from({ length: presses }, (_, i) =>
        bytes
          ? [markdownAnswer((i + 1) * 2 + 1, bytes), markdownAnswer((i + 1) * 2 + 2, bytes)]
          : [`Blue, on planet ${i}.`, `Green, on planet ${i}, at dusk.`],
      );
      const plain = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await plain.setContent(plainPage(texts));
      const base = await plain.evaluate<number[]>(
        keyLoop(presses, 'true', `document.getElementById('a').textContent`, true),
      );
      const per = (ms: number) => (ms / presses).toFixed(1);
      const trace = `per judgment: scripting ${per(breakdown.scripting)}, style ${per(breakdown.style)}, layout ${per(breakdown.layout)}, paint ${per(breakdown.paint)}, GC ${per(breakdown.gc)} ms of main thread; save round trip median ${median(saves).toFixed(1)} ms (of which the backend ${median(backend).toFixed(1)} ms), p95 ${percentile(saves, 95).toFixed(1)} ms`;
      const what = bytes ? `2 × ${bytes / 1000} KB markdown with code each` : 'short texts';
      const note = `${presses} judgments, ${what}; the save finishes behind the paint`;
      const target = bytes ? 33 : 20;
      return [50, 95].map((p): CaseResult => ({
        name: `key → next item painted, ${bytes ? `${bytes / 1000} KB markdown` : 'short items'}, p${p}`,
        value: percentile(samples, p),
        unit: 'ms',
        baseline: percentile(base, p),
        baselineName: 'same texts into two <pre>, no save',
        higherIsBetter: false,
        notes: p === 95 ? `target ≤ ${target} ms; ${note}; ${trace}` : note,
      }));
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
    t.cleanup();
  }
}

/**
 * A 5 MB reply: the longest task on the page's main thread from the moment the item before it
 * is shown (so the big one is fetched, checked and formatted ahead, as it always is) until a
 * second after the key that brings it up. Baseline: the longest task of a plain page that
 * fetches the same item's JSON and puts its text into a <pre>, the floor for taking that much
 * text in at all.
 */
async function hugeReply(): Promise<CaseResult[]> {
  const bytes = 5_000_000;
  const t = benchDir();
  const browser = await launchChromium();
  try {
    const file = join(t.dir, 'huge.jsonl');
    const huge = markdownAnswer(11, bytes);
    await writeJsonl(file, 3, (i) => ({
      id: `item-${i}`,
      prompt: `Question ${i}: explain the code below.`,
      responses: i === 1 ? [huge, 'A short answer.'] : ['Short answer A.', 'Short answer B.'],
    }));
    const path = join(t.dir, 'huge.rankwise');
    const project = openProject(path, { create: true });
    try {
      await importFile(project.db, file);
      ensureLabeller(project.db, { name: LABELLER });
    } finally {
      project.close();
    }
    const server = await serve(path, LABELLER);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await page.getByTestId('labelling').waitFor();
      // (Functions, not strings: the app's CSP forbids evaluating strings in the page.)
      await page.waitForFunction(
        () =>
          (globalThis as unknown as InPage).document
            .querySelector('[data-testid="labelling"]')
            ?.getAttribute('data-item-id') === 'item-0',
      );
      await page.evaluate(LONG_TASKS);
      // The labeller reads item-0 while item-1 (5 MB) is fetched and formatted behind it.
      await page.waitForFunction(
        () =>
          !!(globalThis as unknown as InPage).document.querySelector(
            '[data-testid="upcoming-content"]',
          ),
        undefined,
        { timeout: 60_000 },
      );
      const [keyMs] = await page.evaluate<number[]>(
        keyLoop(
          1,
          'true',
          `document.querySelector('[data-testid="labelling"]')?.getAttribute('data-item-id')`,
        ),
      );
      await page.waitForTimeout(1000);
      const ours = await page.evaluate<number[]>('window.__longTasks');

      const plain = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await plain.setContent('<pre id="a" style="white-space:pre-wrap"></pre>');
      await plain.evaluate(LONG_TASKS);
      await plain.evaluate(`new Promise((done) => {
        const text = ${JSON.stringify(huge).replace(/</g, '\\u003c')};
        const json = JSON.stringify({ responses: [{ content: text }] });
        setTimeout(() => {
          document.getElementById('a').textContent = JSON.parse(json).responses[0].content;
          requestAnimationFrame(() => setTimeout(done, 1000));
        }, 100);
      })`);
      const base = await plain.evaluate<number[]>('window.__longTasks');
      const longest = (l: number[]) => Math.max(0, ...l);
      return [
        {
          name: '5 MB reply: longest main-thread task, fetched ahead to shown',
          value: longest(ours),
          unit: 'ms',
          baseline: longest(base),
          baselineName: 'its text parsed from JSON into one <pre>',
          higherIsBetter: false,
          notes: `target ≤ 100 ms; ${ours.length} long tasks (${ours.map((d) => Math.round(d)).join(', ') || 'none'}); key → it painted ${Math.round(keyMs ?? NaN)} ms`,
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
    t.cleanup();
  }
}

/** The little of the DOM these page functions use (this project's Node code has no DOM types). */
type InPage = {
  document: { querySelector(s: string): { getAttribute(name: string): string | null } | null };
};

/** Records every long task (over 50 ms) of the page's main thread from now on. */
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });`;

defineBench({
  'key-to-paint': () => keyToPaint(20_000),
  'key-to-paint-short': () => keyToPaint(0),
  'huge-reply': hugeReply,

  async 'first-item-100k'() {
    const n = scaled(100_000);
    const t = benchDir();
    const browser = await launchChromium();
    try {
      const big = await makeProject(t.dir, 'big', n, Math.floor(n / 2));
      const small = await makeProject(t.dir, 'small', 100, 50);
      const runs = 5;
      const measure = async (path: string) => {
        const server = await serve(path, LABELLER);
        try {
          return median(await firstInteractive(browser, server.url, runs));
        } finally {
          await server.stop();
        }
      };
      const baseline = await measure(small);
      const value = await measure(big);
      return {
        name: `first item interactive, ${n.toLocaleString('en-US')} items (half judged)`,
        value,
        unit: 'ms',
        baseline,
        baselineName: 'same app, 100-item project',
        higherIsBetter: false,
        notes: `median of ${runs} cold page loads; target < 1500 ms`,
      };
    } finally {
      await browser.close();
      t.cleanup();
    }
  },

  async 'first-item-1m'() {
    const n = scaled(1_000_000);
    const t = benchDir();
    const browser = await launchChromium();
    try {
      const big = await makeProject(t.dir, 'million', n, Math.floor(n * 0.9));
      const small = await makeProject(t.dir, 'small', 100, 90);
      const runs = 3;
      /** A cold start each run: a new `rankwise serve` process, a new browser context. */
      const measure = async (path: string) => {
        const totals: number[] = [];
        const toUrl: number[] = [];
        const toItem: number[] = [];
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          const server = await serve(path, LABELLER);
          const urlAt = performance.now() - t0;
          try {
            const context = await browser.newContext();
            const page = await context.newPage();
            await page.addInitScript({ content: FIRST_INTERACTIVE });
            const navAt = performance.now() - t0;
            await page.goto(server.url);
            await page.waitForFunction(
              () =>
                ((globalThis as unknown as { __firstInteractive?: number }).__firstInteractive ??
                  0) > 0,
              undefined,
              { timeout: 120_000 },
            );
            const item = await page.evaluate<number>('window.__firstInteractive');
            totals.push(navAt + item);
            toUrl.push(urlAt);
            toItem.push(item);
            await context.close();
          } finally {
            await server.stop();
          }
        }
        return { total: median(totals), url: median(toUrl), item: median(toItem) };
      };
      const base = await measure(small);
      const ours = await measure(big);
      const mb = (statSync(big).size / 1e6).toFixed(0);
      const ms = (v: number) => `${Math.round(v)} ms`;
      return {
        name: `serve start → first item interactive, ${n.toLocaleString('en-US')} items (90% judged)`,
        value: ours.total,
        unit: 'ms',
        baseline: base.total,
        baselineName: 'same, 100-item project',
        higherIsBetter: false,
        notes: `median of ${runs} cold starts; ${mb} MB file; serve start → URL printed ${ms(ours.url)} (100 items: ${ms(base.url)}), page load → first item ${ms(ours.item)} (100 items: ${ms(base.item)}); target ≤ 1500 ms and ≤ 1.3× the baseline`,
      };
    } finally {
      await browser.close();
      t.cleanup();
    }
  },

  async 'browser-scroll-100k'() {
    const n = scaled(100_000);
    const t = benchDir();
    const browser = await launchChromium();
    try {
      const path = await makeProject(t.dir, 'big', n, Math.floor(n / 10));
      const server = await serve(path, LABELLER);
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        let listCalls = 0;
        page.on('request', (r) => {
          if (r.url().endsWith('/api/items.list')) listCalls++;
        });
        await page.goto(server.url);
        await page.getByTestId('labelling').waitFor();
        await page.keyboard.press('i');
        await page
          .getByTestId('browser-count')
          .filter({ hasText: `${n.toLocaleString('en-US')} item` })
          .waitFor();
        const frames = 300;
        // 600 px a frame (10 rows, 36 000 px a second): a fast fling through the list.
        const ours = await page.evaluate<{ gaps: number[]; blank: number }>(
          scrollFrames('[data-testid="browser-list"]', frames, 600),
        );
        const rows = await page.locator('[data-testid^="browser-row"]').count();
        const plain = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await plain.setContent(
          `<div id="s" style="height:700px;overflow:auto"><div style="height:${n * 56}px"></div></div>`,
        );
        const base = await plain.evaluate<{ gaps: number[]; blank: number }>(
          scrollFrames('#s', frames, 1200),
        );
        return {
          name: `item browser scroll, ${n.toLocaleString('en-US')} items, frame time p95`,
          value: percentile(ours.gaps, 95),
          unit: 'ms',
          baseline: percentile(base.gaps, 95),
          baselineName: 'plain element of the same height',
          higherIsBetter: false,
          notes: `${frames} frames at 600 px/frame; ${rows} rows in the DOM; ${listCalls} page fetches (${listCalls * 100} of ${n.toLocaleString('en-US')} rows); ${ours.blank} frames showed a placeholder row`,
        };
      } finally {
        await server.stop();
      }
    } finally {
      await browser.close();
      t.cleanup();
    }
  },
});
