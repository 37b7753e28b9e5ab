import { useEffect } from 'react';
import { useAppStoreShallow } from '../state/store';

/**
 * Theme and text size on the document: `data-theme` picks the palette (the chosen one, or the
 * system's, followed as it changes), `--font-size` scales the text. Set through the DOM's
 * style API, which the page's CSP allows (it forbids inline style attributes in markup).
 */
export function useAppearance(): void {
  const { theme, fontSize } = useAppStoreShallow((s) => ({
    theme: s.prefs.theme,
    fontSize: s.prefs.fontSize,
  }));
  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset['theme'] = theme;
      return;
    }
    if (typeof window.matchMedia !== 'function') return; // (test DOMs without media queries)
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => (root.dataset['theme'] = dark.matches ? 'dark' : 'light');
    follow();
    dark.addEventListener('change', follow);
    return () => dark.removeEventListener('change', follow);
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--font-size', `${fontSize}px`);
  }, [fontSize]);
}
