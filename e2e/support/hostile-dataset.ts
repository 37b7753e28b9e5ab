import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './rankwise';

/**
 * The adversarial dataset (see e2e/fixtures/hostile.md): the hand-written cases from
 * e2e/fixtures/hostile.jsonl plus the huge ones, generated here because they are too big to
 * keep in git. Every text starts with a marker the test expects to see.
 */
export const HOSTILE_FIXTURE = join(REPO, 'e2e', 'fixtures', 'hostile.jsonl');

export function hugeCases(): Array<{ id: string; prompt: string; responses: string[] }> {
  const para = 'All work and no play makes a very long answer. '.repeat(20) + '\n\n';
  return [
    {
      id: 'huge-5mb',
      prompt: 'MARKER-P20 a five megabyte answer',
      responses: [
        `MARKER-20A\n\n${para.repeat(Math.ceil(5_000_000 / para.length))}END-OF-5MB`,
        'MARKER-20B short',
      ],
    },
    {
      id: 'deep-lists',
      prompt: 'MARKER-P21 nesting',
      responses: [
        `MARKER-21A\n\n${'- '.repeat(10_000)}bottom of the list`,
        `MARKER-21B\n\n${'> '.repeat(10_000)}bottom of the quote`,
      ],
    },
    {
      id: 'deep-quotes',
      prompt: 'MARKER-P22 growing quotes',
      responses: [
        `MARKER-22A\n\n${Array.from({ length: 2_000 }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}`).join('\n')}`,
        `MARKER-22B\n\n${Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- item ${i + 1}`).join('\n')}`,
      ],
    },
    {
      id: 'long-line',
      prompt: 'MARKER-P23 a one megabyte line',
      responses: [
        `MARKER-23A\n\n\`\`\`js\nconst x = "${'a'.repeat(1_000_000)}";\n\`\`\``,
        `MARKER-23B ${'b'.repeat(1_000_000)}`,
      ],
    },
    {
      id: 'slow-emphasis',
      prompt: 'MARKER-P24 pathological emphasis',
      responses: [`MARKER-24A ${'*a'.repeat(10_000)}`, `MARKER-24B ${'[a]('.repeat(5_000)}`],
    },
  ];
}

/** Writes the whole dataset as one JSONL file and returns its item ids in file order. */
export function writeHostileDataset(path: string): string[] {
  const small = readFileSync(HOSTILE_FIXTURE, 'utf8').trimEnd().split('\n');
  const huge = hugeCases().map((c) => JSON.stringify(c));
  writeFileSync(path, [...small, ...huge].join('\n') + '\n');
  return [...small, ...huge].map((l) => (JSON.parse(l) as { id: string }).id);
}
