import type { ContainerKind } from '../../shared/formats/detect';

export type { ContainerKind };

/** What kind of file this is, from its name (without .gz) and, when that is not enough, its first bytes. */
export function detectContainer(name: string, head: Uint8Array): ContainerKind {
  const lower = name.toLowerCase().replace(/\.(gz|gzip)$/, '');
  if (/\.(jsonl|ndjson|jsonlines)$/.test(lower)) return 'jsonl';
  if (/\.(csv|tsv|tab)$/.test(lower)) return 'csv';
  if (/\.(parquet|pq)$/.test(lower)) return 'parquet';
  const first = firstNonSpace(head);
  if (first === 0x5b /* [ */) return 'json';
  if (first === 0x7b /* { */) return 'jsonl';
  if (/\.json$/.test(lower)) return 'json';
  return 'csv';
}

/** The CSV field separator: a tab for .tsv/.tab, otherwise whichever of , ; or tab the header uses most. */
export function csvDelimiter(name: string, head: Uint8Array): string {
  if (/\.(tsv|tab)(\.gz)?$/i.test(name)) return '\t';
  const firstLine = Buffer.from(head).toString('utf8').split('\n', 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

function firstNonSpace(head: Uint8Array): number | undefined {
  for (const b of head) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}
