import type { RecordSource, SourceRecord } from './records';

/** How many records detection looks at, and at most how many bytes of the file it reads for them. */
export const SAMPLE_RECORDS = 50;
export const SAMPLE_BYTES = 16 * 2 ** 20;

/**
 * The first records of a file, for detecting its shape and previewing it. The import keeps
 * reading from the same iterator afterwards, so the sample is read once.
 */
export async function readSample(
  iterator: AsyncIterator<SourceRecord>,
  source: RecordSource,
  max = SAMPLE_RECORDS,
): Promise<{ records: SourceRecord[]; done: boolean }> {
  const records: SourceRecord[] = [];
  while (records.length < max && (records.length === 0 || source.bytesRead() < SAMPLE_BYTES)) {
    const next = await iterator.next();
    if (next.done) return { records, done: true };
    records.push(next.value);
  }
  return { records, done: false };
}
