import { describe, expect, it } from 'vitest';
import { ExportOptionsSchema, criteriaOf, resolveOptions } from './options';

const resolve = (
  o: Parameters<typeof ExportOptionsSchema.parse>[0],
  container = 'jsonl' as const,
) => resolveOptions(ExportOptionsSchema.parse(o), ['helpfulness'], container);

describe('export options', () => {
  it('fills per-format defaults: ties dropped, except raw keeps everything; trl-chat is conversational', () => {
    expect(resolve({ format: 'trl' })).toMatchObject({
      ties: 'drop',
      policy: 'each',
      rankPairs: 'all',
      minVotes: 1,
    });
    expect(resolve({ format: 'raw' }).ties).toBe('keep');
    expect(resolve({ format: 'trl-chat' }).conversational).toBe(true);
  });

  it('refuses what cannot mean anything, saying what to do instead', () => {
    expect(() => resolve({ format: 'reward', ties: 'keep' })).toThrow(/reward rows need a winner/);
    expect(() => resolve({ format: 'raw', policy: 'unanimous' })).toThrow(/policy "each"/);
    expect(() => resolve({ format: 'hh', conversational: true })).toThrow(
      /no conversational variant/,
    );
    expect(() => resolve({ format: 'trl', criterion: 'style' })).toThrow(
      /unknown criterion "style"; this project has "helpfulness"/,
    );
    expect(() => resolve({ format: 'trl', filters: { from: 10, to: 10 } })).toThrow(
      /date range is empty/,
    );
    expect(() => resolve({ format: 'trl', container: 'parquet' })).toThrow(
      /destination is a jsonl/,
    );
    expect(() => ExportOptionsSchema.parse({ format: 'trl', split: { test: 1 } })).toThrow();
  });

  it('knows criteria from both pairwise criteria and rating aspects, once each', () => {
    expect(
      criteriaOf({ criteria: ['overall', 'safety'], rating: { aspects: [{ name: 'overall' }] } }),
    ).toEqual(['overall', 'safety']);
  });
});
