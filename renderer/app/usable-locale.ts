/**
 * A locale tag Intl accepts, from what the browser reports: the tag itself when valid, else
 * it without a POSIX-style suffix ("en-US@posix", "de_DE.UTF-8" → "en-US", "de-DE"), else
 * "en-US". `check` is Intl's (it throws on an invalid tag).
 */
export function usableLocale(tag: string, check: (tag: string) => unknown): string {
  for (const candidate of [tag, tag.replace(/[.@].*$/, '').replace(/_/g, '-')]) {
    try {
      if (!candidate) continue;
      check(candidate);
      return candidate;
    } catch {
      // Not a valid tag: try the next.
    }
  }
  return 'en-US';
}
