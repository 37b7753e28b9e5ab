/**
 * Injected before the app loads (page.addInitScript): records what hostile content might make
 * the page do (CSP violations, long tasks, writes to window.__pwned, alert and friends), so a
 * spec can assert none of it happened. A string, because it runs in the page, not in Node.
 */
export const WATCH_SCRIPT = `
(() => {
  const watch = { csp: [], longTasks: [], pwned: [] };
  window.__rankwiseWatch = watch;
  document.addEventListener('securitypolicyviolation', (e) => {
    watch.csp.push(\`\${e.violatedDirective} \${e.blockedURI}\`);
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) watch.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: responsiveness is still checked by frames.
  }
  // Every payload in the dataset writes window.__pwned or calls alert: make either visible.
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: (v) => watch.pwned.push(String(v)),
  });
  for (const name of ['alert', 'confirm', 'prompt', 'open']) {
    const original = window[name];
    window[name] = (...args) => {
      watch.pwned.push(\`\${name}(\${args.map(String).join(', ')})\`);
      return name === 'open' ? null : original === undefined ? undefined : undefined;
    };
  }
})();
`;
