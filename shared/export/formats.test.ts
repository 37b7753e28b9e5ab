import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, formatSpec } from './formats';
import { ExportFormatSchema, resolveOptions, ExportOptionsSchema } from './options';
import { rowShape } from './rows';

/** The table of formats is the only place formats are listed: everything else follows it. */
describe('the export-format table', () => {
  it('is the list the options accept', () => {
    expect(ExportFormatSchema.options).toEqual(EXPORT_FORMAT_IDS);
  });

  it.each(EXPORT_FORMAT_IDS)('%s: every row it builds has exactly its columns, in order', (f) => {
    const spec = EXPORT_FORMATS[f];
    if (spec.rows.kind === 'revisions') return expect(f).toBe('raw');
    const chats =
      spec.conversational === 'optional' ? [false, true] : [spec.conversational === 'always'];
    for (const conversational of chats) {
      const shape = rowShape(f, conversational, 4, null);
      const names = spec.rows.columns(shape).map((c) => c.name);
      const row =
        spec.rows.kind === 'pairs'
          ? spec.rows.build(shape, 'Why?', 'Because.', 'No.', 3)
          : spec.rows.build(shape, 'Why?', 'Because.', true);
      expect(Object.keys(row)).toEqual(names);
    }
  });

  it('drives what the options allow: ties, conversational rows, policies', () => {
    const resolve = (input: object) =>
      resolveOptions(ExportOptionsSchema.parse(input), ['helpfulness'], 'jsonl');
    for (const f of EXPORT_FORMAT_IDS) {
      const spec = formatSpec(f);
      expect(resolve({ format: f }).ties).toBe(spec.ties.default);
      if (!spec.ties.canKeep) expect(() => resolve({ format: f, ties: 'keep' })).toThrow(/ties/);
      if (spec.conversational === 'never')
        expect(() => resolve({ format: f, conversational: true })).toThrow(/conversational/);
      expect(resolve({ format: f }).conversational).toBe(spec.conversational === 'always');
      if (spec.rows.kind === 'revisions')
        expect(() => resolve({ format: f, policy: 'majority' })).toThrow(/policies/);
    }
  });
});
