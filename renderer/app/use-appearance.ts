import { useEffect } from 'react';
import { useAppStoreShallow } from '../state/store';

/**
 * Theme and text size on the document: `data-theme` picks the palette (absent: follow the
 * system), `--font-size` scales the text. Set through the DOM's style API, which the page's
 * CSP allows (it forbids inline style attributes in markup, not this).
 */
export function useAppearance(): void {
  const { theme, fontSize } = useAppStoreShallow((s) => ({
    theme: s.prefs.theme,
    fontSize: s.prefs.fontSize,
  }));
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--font-size', `${fontSize}px`);
  }, [fontSize]);
}
