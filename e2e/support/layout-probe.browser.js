// Runs in the page (e2e/layout.spec.ts passes it to page.evaluate): measures the text a person
// sees inside `scope` (a dialog, or the whole page) and reports what is wrong with the layout,
// from boxes, never pixels:
// - text cut off: a text's box reaches past an ancestor that hides overflow (not one that
//   scrolls, and not where an ellipsis says the cut is meant, with the whole text in a title);
// - text overlapping other text: the visible boxes of two texts intersect (text under something
//   opaque, like a sticky bar, is not visible);
// - the page scrolling sideways;
// and returns the visible text that is not the dataset's own (data-content), to be searched for
// internal values.
// It must not close over anything: the spec sends its source text to the page.
export function layoutProbe(scopeSelector) {
  const scope = document.querySelector(scopeSelector) ?? document.body;
  const problems = { cutOff: [], overlaps: [], sideways: false, text: '' };
  const root = document.scrollingElement ?? document.documentElement;
  problems.sideways = root.scrollWidth > window.innerWidth + 1;

  const describe = (el) => {
    const id = el.closest('[data-testid]')?.getAttribute('data-testid');
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${id ? ` in ${id}` : ''} "${text}"`;
  };
  const clips = (el) => {
    const s = getComputedStyle(el);
    return s.overflowX !== 'visible' || s.overflowY !== 'visible';
  };
  const scrolls = (el) => {
    const s = getComputedStyle(el);
    return /auto|scroll/.test(s.overflowX) || /auto|scroll/.test(s.overflowY);
  };
  const intersect = (a, b) => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  const area = (r) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);
  const opaque = (el) => {
    const parts = /rgba?\(([^)]*)\)/.exec(getComputedStyle(el).backgroundColor)?.[1].split(',');
    return parts !== undefined && (parts[3] === undefined || Number(parts[3]) >= 0.99);
  };
  // Under something opaque that is not its own (a sticky bar scrolled over it, a menu open
  // above it): not on screen, so neither cut off nor overlapping anything a person sees.
  const covered = (el, r) => {
    const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    if (!top || top === el || el.contains(top) || top.contains(el)) return false;
    for (let a = top; a && !a.contains(el); a = a.parentElement) if (opaque(a)) return true;
    return false;
  };

  const texts = [];
  const shown = [];
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, [hidden], [aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || +style.opacity === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    if (rects.length === 0) continue;
    // The part a person can see: inside the window and every clipping ancestor.
    let visible = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    let cutBy = null;
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      if (!clips(a)) continue;
      const box = a.getBoundingClientRect();
      visible = intersect(visible, box);
      if (scrolls(a)) continue;
      const ellipsis =
        getComputedStyle(a).textOverflow === 'ellipsis' || style.textOverflow === 'ellipsis';
      const titled = el.closest('[title]') !== null;
      if (ellipsis && titled) continue;
      if (
        rects.some(
          (r) => r.right > box.right + 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1,
        )
      )
        cutBy ??= a;
    }
    const seen = rects
      .map((r) => intersect(r, visible))
      .filter((r) => area(r) > 1 && !covered(el, r));
    if (seen.length === 0) continue; // scrolled away, hidden or covered: not on screen now
    if (cutBy && !el.closest('[data-content]'))
      problems.cutOff.push(`${describe(el)} is cut off by ${describe(cutBy)}`);
    texts.push({ el, rects: seen });
    if (!el.closest('[data-content]')) shown.push(node.data);
  }
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a.el === b.el) continue;
      const hit = a.rects.some((ra) =>
        b.rects.some((rb) => {
          const x = intersect(ra, rb);
          return x.right - x.left > 1.5 && x.bottom - x.top > 1.5;
        }),
      );
      if (hit) problems.overlaps.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
    }
  problems.text = shown.join('\n');
  return problems;
}
