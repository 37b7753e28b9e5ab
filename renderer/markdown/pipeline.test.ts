import type { Element, Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { markdownToTree, normalizeMathDelimiters } from './pipeline';

function all(root: Root): Element[] {
  const out: Element[] = [];
  const stack: Array<Root | RootContent> = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'element') out.push(n);
    if ('children' in n) stack.push(...[...n.children].reverse());
  }
  return out;
}
const tags = (root: Root) => new Set(all(root).map((e) => e.tagName));
function text(root: Root | RootContent): string {
  if (root.type === 'text') return root.value;
  return 'children' in root ? root.children.map(text).join('') : '';
}

describe('markdownToTree', () => {
  it('formats GFM: tables, task lists, strikethrough', () => {
    const t = markdownToTree('| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~');
    expect(tags(t)).toEqual(
      new Set(['table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'input', 'p', 'del']),
    );
    const boxes = all(t).filter((e) => e.tagName === 'input');
    expect(boxes.map((b) => b.properties)).toEqual([
      { type: 'checkbox', disabled: true, checked: true },
      { type: 'checkbox', disabled: true, checked: false },
    ]);
    expect(all(t).find((e) => e.tagName === 'th')?.properties['align']).toBe('left');
  });

  it('shows raw HTML as code, never as elements', () => {
    const t = markdownToTree(
      '<script>alert(1)</script>\n\nHi <img src=x onerror=alert(2)> <b>bold</b>\n\n<svg onload=alert(3)><math><mi xlink:href="javascript:x">',
    );
    const found = tags(t);
    for (const tag of ['script', 'img', 'b', 'svg', 'math', 'mi', 'a', 'iframe'])
      expect(found.has(tag)).toBe(false);
    expect(text(t)).toContain('<script>alert(1)</script>');
    expect(text(t)).toContain('<img src=x onerror=alert(2)>');
    expect(
      all(t).filter((e) => e.properties['className']?.includes('md-html')).length,
    ).toBeGreaterThan(2);
  });

  it('turns links, autolinks and images into text that shows the URL', () => {
    const t = markdownToTree(
      '[click](javascript:alert(1)) <https://evil.example/a> www.evil.example ![px](https://evil.example/p.png) [x][r]\n\n[r]: data:text/html,<script>alert(1)</script>',
    );
    expect(tags(t).has('a')).toBe(false);
    expect(tags(t).has('img')).toBe(false);
    const s = text(t);
    expect(s).toContain('click ⟨javascript:alert(1)⟩');
    expect(s).toContain('https://evil.example/a');
    expect(s).toContain('[image: px ⟨https://evil.example/p.png⟩]');
    expect(s).toContain('x ⟨data:text/html,%3Cscript%3Ealert(1)%3C/script%3E⟩');
    for (const e of all(t))
      for (const k of Object.keys(e.properties)) expect(k).not.toMatch(/^(href|src|on)/i);
  });

  it('renders math with KaTeX, refusing what would link or load', () => {
    const t = markdownToTree(
      'Euler: $e^{i\\pi}+1=0$ and \\(\\href{javascript:alert(1)}{x}\\)\n\n$$\n\\int_0^1 x\\,dx\n$$',
    );
    expect(all(t).some((e) => e.tagName === 'math')).toBe(true);
    expect(all(t).filter((e) => e.properties['className']?.includes('math-display'))).toHaveLength(
      1,
    );
    expect(tags(t).has('a')).toBe(false);
    for (const e of all(t)) {
      for (const [k, v] of Object.entries(e.properties)) {
        expect(k).not.toMatch(/^(href|src|on|xlink)/i);
        if (k === 'style') expect(String(v)).not.toMatch(/url\(/);
      }
    }
  });

  it('highlights code it knows, as spans with token classes', () => {
    const t = markdownToTree('```py\ndef f(x):\n    return "hi"\n```\n\n```nosuchlang\nplain\n```');
    const tokens = all(t).filter((e) => e.properties['className']?.includes('token'));
    expect(tokens.some((e) => (e.properties['className'] as string[]).includes('keyword'))).toBe(
      true,
    );
    expect(text(t)).toContain('def f(x):\n    return "hi"\n');
    expect(text(t)).toContain('plain');
  });

  it('shows invisible and direction-changing characters as markers', () => {
    const t = markdownToTree('if (isAdmin\u202E \u2066// check later\u2069\u2066) {');
    expect(text(t)).toContain('⟨RLO⟩');
    expect(text(t)).toContain('⟨LRI⟩');
    expect(text(t)).not.toMatch(/[\u202E\u2066\u2069]/);
  });

  it('refuses trees too deep to hand to React', () => {
    expect(() => markdownToTree('*'.repeat(600) + 'a' + '*'.repeat(600))).not.toThrow(/stack/);
  });
});

describe('normalizeMathDelimiters', () => {
  it('rewrites \\( \\) and \\[ \\] outside code only', () => {
    expect(normalizeMathDelimiters('a \\(x\\) b `\\(y\\)`\n```\n\\[z\\]\n```\n\\[\nw\n\\]')).toBe(
      'a $x$ b `\\(y\\)`\n```\n\\[z\\]\n```\n$$\nw\n$$',
    );
  });
});
