import { ApiError } from '../../shared/api/errors';
import type { ImportPreview, PreviewItem } from '../../shared/api/contract';
import type { ItemInput, Message, Prompt } from '../../shared/domain/item';
import { checkItem } from '../../shared/formats/check-item';
import { detectFormat } from '../../shared/formats/detect';
import { RecordError } from '../../shared/formats/record-error';
import { shapeById, type ShapeContext } from '../../shared/formats/shapes';
import { fileFailed, ImportFileError } from './errors';
import { chooseFormat, prepare, tooDeep, type ImportRequest } from './import-file';
import { openRecords } from './records';
import { readSample } from './sample';

/** Text longer than this is cut short in a preview (the import keeps it whole). */
const MAX_TEXT = 20_000;
const MAX_MESSAGES = 60;
const MAX_RESPONSES_SHOWN = 12;
const MAX_METADATA = 4_000;

/**
 * Read the first records of a file and show what an import would do with them: the detected
 * shape and why, the first items as labellers will see them, and the records that would fail,
 * with the same reasons the import would give. Reads a bounded sample, never the whole file.
 */
export async function previewFile(
  path: string,
  request: ImportRequest & { limit?: number },
): Promise<ImportPreview> {
  const source = await openRecords(path, {
    fileName: request.fileName,
    container: request.container,
  }).catch((e: unknown) => {
    if (e instanceof ImportFileError) throw fileFailed(e);
    throw e;
  });
  const { info } = source;
  try {
    const iterator = source.records[Symbol.asyncIterator]();
    let sample;
    try {
      sample = await readSample(iterator, source);
    } catch (e) {
      if (e instanceof ImportFileError) throw fileFailed(e);
      throw e;
    }
    const values = sample.records.filter((r) => !r.error).map((r) => r.value);
    const detection = detectFormat(values, info.container);
    let format: ImportPreview['format'] = null;
    let mapping: ImportPreview['mapping'] = null;
    let blocker: string | null = null;
    try {
      ({ format, mapping } = chooseFormat(info.file, sample.records, info.container, {
        ...request,
        skipBadLines: true,
      }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      blocker = e.message;
    }

    const items: PreviewItem[] = [];
    const problems: ImportPreview['problems'] = [];
    const notes = new Map<string, number>();
    const limit = request.limit ?? 5;
    for (const record of sample.records) {
      if (record.error) {
        problems.push({ line: record.line, reason: record.error.message });
        continue;
      }
      if (format === null) continue;
      const ctx: ShapeContext = {
        mapping,
        note: (reason) => notes.set(reason, (notes.get(reason) ?? 0) + 1),
      };
      try {
        for (const item of shapeById(format).toItems(record.value, ctx)) {
          const id = prepare(item, record.line).id;
          checkItem(item);
          if (items.length < limit) items.push(previewItem(item, id, record.line));
        }
      } catch (e) {
        const error = e instanceof RangeError ? tooDeep() : e;
        if (!(error instanceof RecordError)) throw error;
        problems.push({ line: record.line, reason: error.message });
      }
    }
    const consumed = source.consumedBytes();
    // Text files: scale the sample by bytes (not for gzip or UTF-16, whose decoded size is unknown).
    const estimate =
      source.totalRecords ??
      (sample.done
        ? null
        : info.compressed === null && info.encoding === 'utf-8' && consumed > 0
          ? Math.round((sample.records.length * info.totalBytes) / consumed)
          : null);
    return {
      file: info.file,
      totalBytes: info.totalBytes,
      container: info.container,
      compressed: info.compressed,
      encoding: info.encoding,
      detection,
      format,
      mapping,
      blocker,
      items,
      problems,
      notes: [...notes].map(([reason, count]) => ({ reason, count })),
      sampled: sample.records.length,
      estimatedRecords: sample.done && source.totalRecords === null ? null : estimate,
    };
  } finally {
    source.close();
  }
}

function cut(text: string): { text: string; cut: boolean } {
  return text.length > MAX_TEXT
    ? {
        text: `${text.slice(0, MAX_TEXT)}\n\n… (${text.length - MAX_TEXT} more characters)`,
        cut: true,
      }
    : { text, cut: false };
}

function previewItem(item: ItemInput, id: string, line: number): PreviewItem {
  let truncated = false;
  const text = (t: string) => {
    const c = cut(t);
    truncated ||= c.cut;
    return c.text;
  };
  let prompt: Prompt;
  if (typeof item.prompt === 'string') prompt = text(item.prompt);
  else {
    const shown = item.prompt.slice(-MAX_MESSAGES);
    if (shown.length < item.prompt.length) truncated = true;
    prompt = shown.map((m): Message => ({ ...m, content: text(m.content) }));
  }
  const responses = item.responses.slice(0, MAX_RESPONSES_SHOWN).map((r) => ({
    model: r.model,
    content: text(r.content),
    metadata: metadataText(r.metadata),
  }));
  return {
    line,
    id,
    prompt,
    responses,
    moreResponses: item.responses.length - responses.length,
    metadata: metadataText(item.metadata),
    truncated,
  };
}

function metadataText(metadata: Record<string, unknown> | null): string | null {
  if (!metadata) return null;
  const json = JSON.stringify(metadata, null, 2);
  return json.length > MAX_METADATA ? `${json.slice(0, MAX_METADATA)}\n…` : json;
}
