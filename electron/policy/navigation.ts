import { isAppUrl } from './app-origin';

/**
 * Where a window may go. Our UI is one page and never navigates; dataset text cannot make
 * links (SafeMarkdown renders them as text). So any navigation away from the app origin, any
 * redirect, any new window is refused. An https link that reaches a new-window request can
 * only be opened in the user's browser, after they confirm (see external-links.ts).
 */
export type NavigationDecision = 'allow' | 'deny';

export function navigationDecision(url: string): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** window.open, target=_blank, middle-click: never a new Electron window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}
