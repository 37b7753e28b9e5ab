import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import katex from 'katex';
import type { Parent as MdParent, Root as MdRoot } from 'mdast';
import { Prism } from 'prism-react-renderer';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { markInvisibles } from './invisible-chars';
import { MAX_TREE_DEPTH } from './limits';

/**
 * Markdown from a dataset → an inert element tree (hast), with no DOM: it runs in the markdown
 * worker (off the UI thread, where a pathological text can only cost a timeout) or in the page
 * where there are no workers (unit tests).
 *
 * What comes out can only be: formatting elements, code with highlight spans, KaTeX's own
 * output for math, and text. Raw HTML in the data is shown as literal code, never parsed into
 * elements; links and images become text showing their URL; attributes are allow-listed, so
 * nothing can load, navigate, run script or restyle the app. The same rules hold whoever wrote
 * the text (they are tested against hostile input in SafeMarkdown.test.tsx and in the e2e
 * hostile dataset).
 */
export type SafeTree = Root;

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(() => rawHtmlAsCode)
  // No allowDangerousHtml: whatever raw HTML is left is dropped by the bridge to hast.
  .use(remarkRehype);

export function markdownToTree(text: string): SafeTree {
  const mdast = processor.parse(normalizeMathDelimiters(text));
  const hast = processor.runSync(mdast);
  if (treeDepth(hast) > MAX_TREE_DEPTH) throw new Error('nested too deeply to format');
  renderMath(hast);
  highlightCode(hast);
  const safe = { type: 'root', children: clean(hast.children, false) } as Root;
  if (treeDepth(safe) > MAX_TREE_DEPTH) throw new Error('nested too deeply to format');
  return safe;
}

// ---- raw HTML: shown, never interpreted ---------------------------------------------------

/** Turns every raw HTML node into code showing its source (a model that writes HTML wrote text). */
function rawHtmlAsCode(tree: MdRoot): void {
  const stack: MdParent[] = [tree];
  while (stack.length) {
    const parent = stack.pop()!;
    parent.children = parent.children.map((child): (typeof parent.children)[number] => {
      if (child.type === 'html') {
        const flow = ['root', 'blockquote', 'listItem', 'footnoteDefinition'].includes(parent.type);
        const data = { hProperties: { className: ['md-html'] } };
        return (
          flow
            ? { type: 'code', lang: null, value: child.value, data }
            : { type: 'inlineCode', value: child.value, data }
        ) as never;
      }
      if ('children' in child) stack.push(child);
      return child;
    });
  }
}

/**
 * Models write math as \( … \) and \[ … \] as often as with dollars; remark-math reads only
 * dollars. Outside code fences and code spans, turn the former into the latter.
 */
export function normalizeMathDelimiters(text: string): string {
  if (!text.includes('\\(') && !text.includes('\\[')) return text;
  const lines = text.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (m) {
      fence = m[1]!;
      continue;
    }
    lines[i] = line
      .split(/(`+[^`]*`+)/)
      .map((part, k) =>
        k % 2 ? part : part.replace(/\\[[\]()]/g, (d) => (d === '\\[' || d === '\\]' ? '$$' : '$')),
      )
      .join('');
  }
  return lines.join('\n');
}

// ---- math ---------------------------------------------------------------------------------

const MAX_MATH_NODES = 300;
const MAX_TEX_LENGTH = 4_000;

/** Render remark-math's nodes with KaTeX (trust off: no \href, \url, \includegraphics, \html*). */
function renderMath(root: Root): void {
  let budget = MAX_MATH_NODES;
  walkElements(root, (el, parent, index) => {
    const code = el.tagName === 'pre' ? firstElement(el) : el;
    if (!code || code.tagName !== 'code') return;
    const classes = classList(code);
    const display = classes.includes('math-display');
    if (!display && !classes.includes('math-inline')) return;
    if (display !== (el.tagName === 'pre')) return;
    const tex = textOf(code);
    if (budget-- <= 0 || tex.length > MAX_TEX_LENGTH) return;
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      maxSize: 50,
      maxExpand: 500,
      output: 'htmlAndMathml',
    });
    const rendered = fromHtml(html, { fragment: true }).children as ElementContent[];
    parent.children[index] = {
      type: 'element',
      tagName: display ? 'div' : 'span',
      properties: { className: [display ? 'math-display' : 'math-inline'], dataKatex: true },
      children: rendered,
    };
    return 'skip';
  });
}

// ---- code ---------------------------------------------------------------------------------

/** Past these sizes a code block is shown without colours: tokenising it is not worth the wait. */
const MAX_HIGHLIGHT_CHARS = 30_000;
const MAX_HIGHLIGHT_LINE = 3_000;

const LANGUAGE_ALIASES: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  py: 'python',
  python3: 'python',
  rs: 'rust',
  golang: 'go',
  'c++': 'cpp',
  cc: 'cpp',
  h: 'c',
  hpp: 'cpp',
  yml: 'yaml',
  html: 'markup',
  xml: 'markup',
  svg: 'markup',
  md: 'markdown',
  kt: 'kotlin',
  objc: 'objectivec',
};

type PrismToken = string | { type: string; alias?: string | string[]; content: unknown };

function highlightCode(root: Root): void {
  walkElements(root, (el) => {
    if (el.tagName !== 'pre') return;
    const code = firstElement(el);
    if (!code || code.tagName !== 'code') return 'skip';
    const lang = classList(code)
      .find((c) => c.startsWith('language-'))
      ?.slice('language-'.length)
      .toLowerCase();
    if (!lang) return 'skip';
    const name = LANGUAGE_ALIASES[lang] ?? lang;
    const grammar = Object.prototype.hasOwnProperty.call(Prism.languages, name)
      ? (Prism.languages as Record<string, unknown>)[name]
      : undefined;
    const text = textOf(code);
    if (!grammar || typeof grammar !== 'object') return 'skip';
    if (text.length > MAX_HIGHLIGHT_CHARS || longestLine(text) > MAX_HIGHLIGHT_LINE) return 'skip';
    const tokens = Prism.tokenize(text, grammar) as PrismToken[];
    code.children = tokens.map(tokenToHast);
    return 'skip';
  });
}

function tokenToHast(t: PrismToken): ElementContent {
  if (typeof t === 'string') return { type: 'text', value: t };
  const alias = t.alias === undefined ? [] : Array.isArray(t.alias) ? t.alias : [t.alias];
  const content = Array.isArray(t.content)
    ? (t.content as PrismToken[])
    : [t.content as PrismToken];
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['token', t.type, ...alias] },
    children: content.map(tokenToHast),
  };
}

function longestLine(text: string): number {
  let max = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > max) max = end - start;
    if (nl < 0) return max;
    start = nl + 1;
  }
}

// ---- the allow-list pass ------------------------------------------------------------------

/** Elements markdown produces. Anything else is unwrapped (its text kept). */
const MARKDOWN_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'br',
  'span',
  'div',
  'sup',
  'sub',
  'section',
  'input',
]);
/** What KaTeX emits (HTML, its SVG glyph pieces, MathML for screen readers). */
const KATEX_TAGS = new Set([
  'span',
  'svg',
  'path',
  'line',
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mstyle',
  'mtable',
  'mtr',
  'mtd',
  'mover',
  'munder',
  'munderover',
  'mpadded',
  'mphantom',
  'menclose',
]);
const KATEX_SVG_PROPS = new Set([
  'width',
  'height',
  'viewBox',
  'preserveAspectRatio',
  'd',
  'x1',
  'x2',
  'y1',
  'y2',
  'strokeWidth',
  'xmlns',
]);
const NEVER =
  /^(on|href|src|xlink|action|formaction|srcdoc|srcset|poster|background|ping|data|style$)/i;

function clean(
  nodes: readonly (RootContent | ElementContent)[],
  inKatex: boolean,
): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      pushText(out, node.value);
      continue;
    }
    if (node.type !== 'element') continue; // comments, doctypes, raw: never
    const el = node;
    if (el.tagName === 'a') {
      out.push(linkAsText(el, inKatex));
      continue;
    }
    if (el.tagName === 'img') {
      out.push(imageAsText(el));
      continue;
    }
    const katexRoot = el.properties['dataKatex'] === true;
    const katexHere = inKatex || katexRoot;
    const allowed = katexHere
      ? KATEX_TAGS.has(el.tagName) || MARKDOWN_TAGS.has(el.tagName)
      : MARKDOWN_TAGS.has(el.tagName);
    const children = clean(el.children, katexHere);
    if (!allowed || (el.tagName === 'input' && el.properties['type'] !== 'checkbox')) {
      out.push(...children);
      continue;
    }
    out.push({
      type: 'element',
      tagName: el.tagName,
      properties: katexHere && !katexRoot ? katexProps(el) : markdownProps(el),
      children,
    });
  }
  return out;
}

function pushText(out: ElementContent[], value: string): void {
  const pieces = markInvisibles(value);
  if (!pieces) {
    out.push({ type: 'text', value });
    return;
  }
  for (const p of pieces)
    out.push(
      typeof p === 'string'
        ? { type: 'text', value: p }
        : {
            type: 'element',
            tagName: 'span',
            properties: { className: ['invisible-char'], title: p.title },
            children: [{ type: 'text', value: p.marker }],
          },
    );
}

function markdownProps(el: Element): Properties {
  const p = el.properties;
  const props: Properties = {};
  const classes = classList(el).filter((c) => /^[\w-]{1,60}$/.test(c));
  if (classes.length) props['className'] = classes;
  if ((el.tagName === 'td' || el.tagName === 'th') && typeof p['align'] === 'string')
    props['align'] = p['align'];
  if (el.tagName === 'ol' && typeof p['start'] === 'number') props['start'] = p['start'];
  if (el.tagName === 'input') {
    props['type'] = 'checkbox';
    props['disabled'] = true;
    props['checked'] = p['checked'] === true;
  }
  // Direction follows the text, so a right-to-left answer reads right; code stays left-to-right.
  if (
    ['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'td', 'th'].includes(el.tagName)
  )
    props['dir'] = 'auto';
  return props;
}

function katexProps(el: Element): Properties {
  const props: Record<string, Properties[string]> = {};
  const svg = el.tagName === 'svg' || el.tagName === 'path' || el.tagName === 'line';
  const mathml = !svg && el.tagName !== 'span';
  for (const [name, value] of Object.entries(el.properties)) {
    if (name === 'className') props[name] = classList(el).filter((c) => /^[\w-]{1,60}$/.test(c));
    else if (name === 'style' && typeof value === 'string') {
      if (!/url\s*\(|expression|@import|\\|javascript:|image-set/i.test(value)) props[name] = value;
    } else if (name === 'ariaHidden' || name === 'title') props[name] = value;
    else if (NEVER.test(name)) continue;
    else if (svg ? KATEX_SVG_PROPS.has(name) : mathml) props[name] = value;
  }
  return props;
}

function linkAsText(el: Element, inKatex: boolean): Element {
  const href = typeof el.properties['href'] === 'string' ? el.properties['href'] : '';
  const children = clean(el.children, inKatex);
  const label = textOf({ ...el, children });
  const url: ElementContent[] = [];
  // In-page anchors (footnotes) have nothing worth showing; other URLs are shown, never followed.
  if (href && !href.startsWith('#') && label !== href) {
    const u: ElementContent[] = [];
    pushText(u, ` ⟨${href}⟩`);
    url.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['md-url'] },
      children: u,
    });
  }
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['md-link'] },
    children: [...children, ...url],
  };
}

function imageAsText(el: Element): Element {
  const alt = typeof el.properties['alt'] === 'string' ? el.properties['alt'] : '';
  const src = typeof el.properties['src'] === 'string' ? el.properties['src'] : '';
  const children: ElementContent[] = [];
  pushText(children, `[image${alt ? `: ${alt}` : ''}${src ? ` ⟨${src}⟩` : ''}]`);
  return { type: 'element', tagName: 'span', properties: { className: ['md-image'] }, children };
}

// ---- tree helpers (iterative where depth is not yet known) --------------------------------

type Visit = (el: Element, parent: Root | Element, index: number) => void | 'skip';

function walkElements(root: Root, visit: Visit): void {
  const stack: Array<Root | Element> = [root];
  while (stack.length) {
    const parent = stack.pop()!;
    parent.children.forEach((child, index) => {
      if (child.type !== 'element') return;
      if (visit(child, parent, index) === 'skip') return;
      // The visitor may have replaced the child.
      const now = parent.children[index];
      if (now && now.type === 'element') stack.push(now);
    });
  }
}

export function treeDepth(root: Root): number {
  let max = 0;
  const stack: Array<[Root | RootContent, number]> = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    if ('children' in node) for (const c of node.children) stack.push([c, d + 1]);
  }
  return max;
}

function firstElement(el: Element): Element | undefined {
  return el.children.find((c): c is Element => c.type === 'element');
}

function classList(el: Element): string[] {
  const c: unknown = el.properties['className'];
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

function textOf(el: Element): string {
  let s = '';
  const stack: ElementContent[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') s += n.value;
    else if (n.type === 'element')
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return s;
}
