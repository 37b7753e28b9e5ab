/**
 * This installation's small local memory (localStorage): display preferences, which guideline
 * version a labeller has seen, judgments waiting to be saved. Every access tolerates a storage
 * that is missing, full or holds something unreadable: none of this may stop labelling.
 */
export function readLocal<T>(key: string, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw === null || raw === undefined ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writeLocal(key: string, value: unknown): void {
  try {
    if (value === undefined) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the preference lasts for this session only.
  }
}
