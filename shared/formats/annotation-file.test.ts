import { describe, expect, it } from 'vitest';
import { AnnotationFileReader, type AnnotationProblem } from './annotation-file';
import {
  formatAnnotationEnd,
  isAnnotationEnd,
  parseAnnotationHeader,
  parseAnnotationLine,
} from './annotations';

const LABELLER = '0190a000-0000-7000-8000-0000000000a1';
const header = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'rankwise-annotations',
    version: 1,
    project: { id: 'p1' },
    labeller: { id: LABELLER, name: 'Ada' },
    ...extra,
  });
const revision = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    itemId: 'q1',
    labellerId: LABELLER,
    revision: 1,
    kind: 'pairwise',
    outcome: 'preferred',
    chosenIdx: 1,
    rejectedIdx: 0,
    displayedOrder: [0, 1],
    timeMs: 10,
    guidelineVersion: 1,
    createdAt: 1,
    ...extra,
  });

/** Feed lines (text, or null for bytes that are not UTF-8) as a file would, numbering from 1. */
function read(lines: Array<string | null>) {
  const problems: AnnotationProblem[] = [];
  const reader = new AnnotationFileReader((p) => problems.push(p));
  const revisions: string[] = [];
  for (const [i, text] of lines.entries()) {
    if (text === null) reader.undecodable(i + 1);
    else {
      const r = reader.line(i + 1, text);
      if (r) revisions.push(r.id);
    }
    if (reader.fatal) break;
  }
  reader.finish();
  return { problems, revisions, warnings: reader.warnings, fatal: reader.fatal, reader };
}

describe('the end line', () => {
  it('is a line the parser accepts and tells apart from a revision', () => {
    const end = parseAnnotationLine(formatAnnotationEnd(7));
    expect(end).toEqual({ end: true, lines: 7 });
    expect(isAnnotationEnd(end)).toBe(true);
    expect(isAnnotationEnd(parseAnnotationLine(revision('r1')))).toBe(false);
    expect(() => parseAnnotationLine('{"end": true, "lines": -1}')).toThrow(/^end line: lines: /);
  });

  it('is promised by the header field endLine, which earlier readers ignore as unknown', () => {
    expect(parseAnnotationHeader(header({ endLine: true })).endLine).toBe(true);
    expect(parseAnnotationHeader(header()).endLine).toBeUndefined();
  });

  it('closes a whole file: revisions read, nothing reported', () => {
    const r = read([
      header({ endLine: true }),
      revision('r1'),
      '',
      revision('r2'),
      '{"end":true,"lines":4}',
    ]);
    expect(r).toMatchObject({ problems: [], warnings: [], fatal: null, revisions: ['r1', 'r2'] });
  });

  it('counts every line before it, blank ones included, and refuses a wrong count', () => {
    const r = read([header({ endLine: true }), revision('r1'), '{"end":true,"lines":3}']);
    expect(r.problems).toEqual([
      {
        line: 3,
        reason:
          'end line: says 3 lines come before it, but 2 do: the file was damaged (lines were lost or added)',
      },
    ]);
  });

  it('refuses every line after it, blank lines aside', () => {
    const r = read([
      header({ endLine: true }),
      revision('r1'),
      '{"end":true,"lines":2}',
      '',
      revision('r2'),
      '{"end":true,"lines":5}',
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(r.problems[0]!.reason).toMatch(/^after the end line \(line 3\): the file was damaged/);
    expect(r.revisions).toEqual(['r1']);
  });

  it('missing from a file that promised it: cut short, a problem; from an earlier version’s file: a warning', () => {
    const cut = read([header({ endLine: true }), revision('r1'), revision('r2')]);
    expect(cut.problems).toEqual([
      {
        line: null,
        reason:
          'no end line: the file was cut short (its header says it ends with an end line); 2 revisions read',
      },
    ]);
    expect(cut.warnings).toEqual([]);
    const old = read([header(), revision('r1')]);
    expect(old.problems).toEqual([]);
    expect(old.warnings).toEqual([
      'no end line: written by an earlier Rankwise, or cut short; 1 revision read',
    ]);
    // An end line without the promise (another writer) is checked all the same.
    expect(read([header(), revision('r1'), '{"end":true,"lines":1}']).problems).toHaveLength(1);
  });
});

describe('reading an annotation file', () => {
  it('reports every bad line, not only the first, and keeps the good ones', () => {
    const r = read([
      header({ endLine: true }),
      revision('r1'),
      null,
      '{"id": ',
      revision('r2', { labellerId: 'someone-else' }),
      revision('r3', { kind: 'ranking' }),
      revision('r4'),
      '{"end":true,"lines":7}',
    ]);
    expect(r.problems.map((p) => [p.line, p.reason.slice(0, 24)])).toEqual([
      [3, 'invalid UTF-8'],
      [4, 'invalid JSON: unexpected'],
      [5, 'labellerId: is someone-e'],
      [6, 'outcome: is set exactly '],
    ]);
    expect(r.revisions).toEqual(['r1', 'r4']);
    expect(r.fatal).toBeNull();
  });

  it('stops at once on a file that is not ours or is newer, and on an empty one', () => {
    expect(read(['{"hello": 1}', 'anything']).fatal).toMatchObject({
      why: 'format',
      problem: {
        line: 1,
        reason: expect.stringMatching(/^format: not a Rankwise annotation file/) as string,
      },
    });
    expect(read([null]).fatal).toMatchObject({ why: 'format', problem: { line: 1 } });
    expect(read([header({ version: 2 })]).fatal).toMatchObject({
      why: 'newer',
      problem: {
        reason: expect.stringMatching(
          /annotation format v2; this version reads up to v1/,
        ) as string,
      },
    });
    expect(read(['', '  ']).fatal).toMatchObject({
      problem: { line: null, reason: 'the file is empty (no header line)' },
    });
  });

  it('goes on past a header of ours with a bad field, so the other lines are checked too', () => {
    const r = read([
      JSON.stringify({ format: 'rankwise-annotations', version: 1, project: { id: 'p' } }),
      '{"id": ',
    ]);
    expect(r.fatal).toBeNull();
    expect(r.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(r.warnings).toEqual([]);
  });
});
