// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from './SafeMarkdown';

describe('SafeMarkdown', () => {
  it('renders markdown structure: lists, tables, code', () => {
    const { container } = render(
      <SafeMarkdown
        text={'- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nlet x = 1;\n```'}
      />,
    );
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('table td')?.textContent).toBe('1');
    expect(container.querySelector('pre code')?.textContent).toBe('let x = 1;\n');
  });

  it('never creates elements from raw HTML, and shows no live links or images', () => {
    const hostile = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '<iframe src="https://evil.example"></iframe>',
      '[click](javascript:alert(1))',
      '![tracker](https://evil.example/pixel.png)',
      '<https://evil.example/auto>',
      '<a href="https://evil.example">html link</a>',
    ].join('\n\n');
    const { container } = render(<SafeMarkdown text={hostile} />);
    for (const tag of ['script', 'img', 'iframe', 'a', 'object', 'embed', 'style']) {
      expect(container.querySelector(tag)).toBeNull();
    }
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain('click ⟨javascript:alert(1)⟩');
    expect(container.textContent).toContain('[image: tracker ⟨https://evil.example/pixel.png⟩]');
    expect(container.textContent).toContain('https://evil.example/auto');
    expect((window as unknown as Record<string, unknown>)['__pwned']).toBeUndefined();
  });
});
