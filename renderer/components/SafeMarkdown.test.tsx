// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMIT, PLAIN_CHUNK } from '../markdown/limits';
import { SafeMarkdown } from './SafeMarkdown';

/** Renders and waits until formatting settled (jsdom has no workers: it formats in the page). */
async function show(text: string) {
  const r = render(<SafeMarkdown text={text} />);
  await waitFor(
    () =>
      expect(r.container.querySelector('.markdown')?.getAttribute('data-render')).not.toBe(
        'pending',
      ),
    { timeout: 15_000 },
  );
  return r.container;
}

describe('SafeMarkdown', () => {
  it('renders markdown structure: lists, tables, highlighted code with a copy button', async () => {
    const c = await show(
      '- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nlet x = 1;\n```',
    );
    expect(c.querySelectorAll('li')).toHaveLength(2);
    expect(c.querySelector('table td')?.textContent).toBe('1');
    expect(c.querySelector('pre code')?.textContent).toBe('let x = 1;\n');
    expect(c.querySelector('pre code .token.keyword')?.textContent).toBe('let');
    expect(screen.getByRole('button', { name: 'Copy js code' })).toBeInTheDocument();
  });

  it('never creates elements from raw HTML, and shows no live links or images', async () => {
    const hostile = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '<iframe src="https://evil.example"></iframe>',
      '[click](javascript:alert(1))',
      '![tracker](https://evil.example/pixel.png)',
      '<https://evil.example/auto>',
      '<a href="https://evil.example">html link</a>',
      '<style>body { display: none }</style>',
      '$\\href{javascript:alert(1)}{x}$',
    ].join('\n\n');
    const c = await show(hostile);
    for (const tag of ['script', 'img', 'iframe', 'a', 'object', 'embed', 'style', 'link'])
      expect(c.querySelector(tag)).toBeNull();
    for (const el of c.querySelectorAll('*'))
      for (const attr of el.getAttributeNames()) expect(attr).not.toMatch(/^(on|href|src|xlink)/);
    expect(c.textContent).toContain('click ⟨javascript:alert(1)⟩');
    expect(c.textContent).toContain('[image: tracker ⟨https://evil.example/pixel.png⟩]');
    expect(c.textContent).toContain('https://evil.example/auto');
    // A model that wrote HTML wrote text: it is shown as code.
    expect(c.textContent).toContain('<script>window.__pwned = 1</script>');
    expect((window as unknown as Record<string, unknown>)['__pwned']).toBeUndefined();
  });

  it('shows a text nested too deeply as plain text, with the reason', async () => {
    const c = await show('> '.repeat(10_000) + 'still here');
    expect(c.querySelector('blockquote')).toBeNull();
    expect(c.textContent).toContain('nested too deeply to format');
    expect(c.textContent).toContain('still here');
  });

  it('formats the first part of a huge text and reveals the rest in plain chunks', async () => {
    const text = 'start\n' + 'x'.repeat(MARKDOWN_LIMIT + PLAIN_CHUNK + 10) + '\nEND';
    const c = await show(text);
    expect(c.textContent).toContain('start');
    expect(c.textContent).not.toContain('END');
    const more = screen.getByRole('button', { name: /Show more/ });
    await userEvent.click(more);
    expect(c.textContent).not.toContain('END');
    await userEvent.click(screen.getByRole('button', { name: /Show more/ }));
    expect(c.textContent).toContain('END');
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
  });
});
