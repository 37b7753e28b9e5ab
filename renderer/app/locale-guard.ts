import { usableLocale } from './usable-locale';

// Chromium started under a POSIX locale (LANG=C, as on a bare Linux box or in a container)
// reports navigator.language as "en-US@posix", which is not a BCP 47 tag: Intl constructors
// throw on it. uPlot builds an Intl.NumberFormat from navigator.language when its module
// loads, so that one tag blanked the whole page. Before any module reads it, each reported tag
// is replaced by the nearest one Intl accepts. Imported first by main.tsx.
const check = (tag: string) => Intl.NumberFormat.supportedLocalesOf(tag);
const reported = navigator.languages.length ? [...navigator.languages] : [navigator.language];
const usable = [...new Set(reported.map((tag) => usableLocale(tag, check)))];
if (usable[0] !== navigator.language || usable.some((tag, i) => tag !== reported[i])) {
  Object.defineProperty(navigator, 'language', { configurable: true, get: () => usable[0] });
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => usable });
}
