import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK } from '../domain/task';
import { datasetCard, CARD_MARK } from './card';
import { ExportOptionsSchema, resolveOptions } from './options';
import { RAW_COLUMNS } from './raw';
import { newTally } from './tally';

function card(format: 'raw' | 'kto') {
  const tally = newTally();
  tally.rows = 3;
  tally.rowsBySplit.train = 3;
  tally.items = 2;
  tally.judgments = 4;
  tally.excluded.ties = 1;
  tally.labels = { desirable: 2, undesirable: 1 };
  return datasetCard({
    project: { name: 'Demo', id: 'p1' },
    createdAt: '2025-01-01T00:00:00.000Z',
    schemaVersion: 2,
    options: resolveOptions(ExportOptionsSchema.parse({ format }), [], 'folder'),
    task: DEFAULT_TASK,
    guidelines: { version: 3, markdown: 'Be | kind' },
    columns: RAW_COLUMNS,
    files: [{ path: 'data/train-00000-of-00001.parquet', split: 'train', rows: 3, bytes: 10 }],
    tally,
    agreement: { units: 0, comparisons: 0, percent: null, alphaNominal: null, alphaOrdinal: null },
  });
}

describe('dataset card', () => {
  it('writes nested features in the YAML form Hugging Face datasets writes itself', () => {
    // As printed by datasets.Features.from_arrow_schema(...)._to_yaml_list() for these types.
    expect(card('raw')).toContain(
      [
        '  - name: criteria',
        '    list:',
        '    - name: name',
        '      dtype: string',
        '    - name: preferred_idx',
        '      dtype: int32',
        '    - name: tie',
        '      dtype: bool',
        '  - name: ranking',
        '    list:',
        '      list: int32',
      ].join('\n'),
    );
    expect(card('raw')).toContain('  - name: created_at\n    dtype: timestamp[ms, tz=UTC]');
    expect(card('raw')).toContain('  - name: flags\n    list: string');
  });

  it('lists only splits that have files, counts, exclusions, policy and guidelines, and ends with the mark', () => {
    const text = card('kto');
    expect(text).toContain(
      '  data_files:\n  - split: train\n    path: data/train-*\ndataset_info:',
    );
    expect(text).not.toContain('split: test');
    expect(text).toContain('| tie verdicts left out (pairs) | 1 |');
    expect(text).toContain('| desirable | 2 | 66.7% |');
    expect(text).toContain('Percent agreement (ties as a category): not defined');
    expect(text).toContain('## Guidelines (version 3)');
    expect(text).toContain('Be | kind');
    expect(text.trimEnd().endsWith(CARD_MARK)).toBe(true);
  });
});
