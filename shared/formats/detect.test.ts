import { describe, expect, it } from 'vitest';
import { guessColumnMapping } from './columns';
import { detectFormat } from './detect';

describe('detectFormat', () => {
  it.each([
    [{ id: 'x', prompt: 'p', responses: ['a', 'b'] }, 'generic'],
    [{ messages: [{ role: 'user', content: 'q' }], responses: ['a', 'b'] }, 'generic'],
    [{ prompt: 'p', chosen: 'a', rejected: 'b' }, 'trl'],
    [
      { chosen: [{ role: 'user', content: 'q' }], rejected: [{ role: 'user', content: 'q' }] },
      'trl',
    ],
    [{ chosen: '\n\nHuman: q\n\nAssistant: a', rejected: '\n\nHuman: q\n\nAssistant: b' }, 'hh'],
    [{ conversations: [{ from: 'human', value: 'q' }], chosen: {}, rejected: {} }, 'sharegpt'],
    [
      {
        message_tree_id: 't',
        prompt: { message_id: 'm', text: 'q', role: 'prompter', replies: [] },
      },
      'oasst',
    ],
    [{ instruction: 'q', completions: [{ response: 'a' }] }, 'ultrafeedback'],
    [
      { model_a: 'a', model_b: 'b', conversation_a: [], conversation_b: [], winner: 'tie' },
      'arena',
    ],
    [{ id: 1, data: { prompt: 'q', answer1: 'a', answer2: 'b' }, annotations: [] }, 'labelstudio'],
    [{ prompt: 'q', answer1: 'a', answer2: 'b' }, 'labelstudio'],
    [{ question: 'q', response_a: 'a', response_b: 'b' }, 'columns'],
  ])('%j → %s', (record, format) => {
    const d = detectFormat([record, record], 'jsonl');
    expect(d.format).toBe(format);
    expect(d.candidates[0]!.format).toBe(format);
  });

  it('explains unsupported shapes instead of guessing', () => {
    expect(detectFormat([{ messages: [], label: true }], 'json').reason).toMatch(
      /^unpaired \(KTO\) data/,
    );
    expect(detectFormat([{ instruction: 'i', output: 'o' }], 'json').reason).toMatch(
      /^instruction-tuning \(SFT\)/,
    );
    expect(detectFormat([{ a: 1 }], 'jsonl')).toMatchObject({ format: null, confidence: 'none' });
  });

  it('reads a table through a column mapping unless a specific shape fits every row', () => {
    expect(detectFormat([{ prompt: 'p', chosen: 'a', rejected: 'b' }], 'csv').format).toBe('trl');
    const d = detectFormat([{ question: 'q', answer1: 'a', answer2: 'b', other: 'x' }], 'csv');
    expect(d.format).toBe('columns');
    expect(d.mapping).toEqual({
      id: null,
      prompt: 'question',
      system: null,
      responses: [
        { column: 'answer1', modelColumn: null },
        { column: 'answer2', modelColumn: null },
      ],
    });
  });
});

describe('guessColumnMapping', () => {
  it('pairs responses with their model columns', () => {
    expect(
      guessColumnMapping([
        'id',
        'prompt',
        'response_a',
        'response_b',
        'model_a',
        'model_b',
        'winner',
      ]),
    ).toEqual({
      id: 'id',
      prompt: 'prompt',
      system: null,
      responses: [
        { column: 'response_a', modelColumn: 'model_a' },
        { column: 'response_b', modelColumn: 'model_b' },
      ],
    });
  });
  it('prefers chosen/rejected, and gives up without a prompt or two responses', () => {
    expect(
      guessColumnMapping(['prompt', 'chosen', 'rejected', 'response_x'])!.responses.map(
        (r) => r.column,
      ),
    ).toEqual(['chosen', 'rejected']);
    expect(guessColumnMapping(['text', 'response_a', 'response_b'])).toBeNull();
    expect(guessColumnMapping(['prompt', 'response'])).toBeNull();
  });
});
