import { describe, expect, it } from 'vitest';
import { genericToItem } from './generic';
import { lineToItem } from './jsonl';
import { RecordError } from './record-error';

function errorOf(fn: () => unknown): RecordError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecordError) return e;
    throw e;
  }
  throw new Error('expected a RecordError');
}

describe('genericToItem', () => {
  it('reads the documented shape with model/text responses', () => {
    const item = genericToItem({
      id: 'q1',
      prompt: 'Hi?',
      responses: [
        { model: 'm1', text: 'Hello' },
        { model: 'm2', text: 'Hey' },
      ],
    });
    expect(item).toEqual({
      sourceId: 'q1',
      prompt: 'Hi?',
      metadata: null,
      responses: [
        { model: 'm1', content: 'Hello', metadata: null },
        { model: 'm2', content: 'Hey', metadata: null },
      ],
    });
  });

  it('accepts content as well as text, plain strings, numeric ids and extra response fields as metadata', () => {
    const item = genericToItem({
      id: 7,
      prompt: 'p',
      responses: [{ content: 'c', score: 3 }, 'plain'],
    });
    expect(item.sourceId).toBe('7');
    expect(item.responses).toEqual([
      { model: null, content: 'c', metadata: { score: 3 } },
      { model: null, content: 'plain', metadata: null },
    ]);
  });

  it('takes a messages prompt and a system string', () => {
    const item = genericToItem({
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
      responses: ['a', 'b'],
    });
    expect(item.prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(item.sourceId).toBeNull();
  });

  it.each([
    [{ prompt: 'p', responses: ['only one'] }, 'responses', /at least 2 responses, got 1/],
    [{ prompt: 'p' }, 'responses', /missing/],
    [{ responses: ['a', 'b'] }, 'prompt', /missing/],
    [{ prompt: 3, responses: ['a', 'b'] }, 'prompt', /got a number/],
    [{ prompt: 'p', responses: ['a', { model: 'x' }] }, 'responses[1].text', /"text" or "content"/],
    [{ prompt: 'p', responses: ['a', 5] }, 'responses[1]', /got a number/],
    [
      { messages: [{ role: 'robot', content: 'x' }], responses: ['a', 'b'] },
      'messages[0].role',
      /robot/,
    ],
    [{ id: {}, prompt: 'p', responses: ['a', 'b'] }, 'id', /got an object/],
    [{ prompt: 'p', responses: ['a', 'b'], metadata: [1] }, 'metadata', /got an array/],
  ])('names the field and the reason: %j', (record, field, reason) => {
    const e = errorOf(() => genericToItem(record));
    expect(e.field).toBe(field);
    expect(e.reason).toMatch(reason);
  });

  it('keeps a __proto__ key as plain metadata without polluting prototypes', () => {
    const item = lineToItem(
      '{"prompt":"p","responses":[{"text":"a","__proto__":{"polluted":true}},"b"]}',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(item.responses[0]!.metadata)).toBe(Object.prototype);
    expect(Object.keys(item.responses[0]!.metadata!)).toEqual(['__proto__']);
    expect(JSON.stringify(item.responses[0]!.metadata)).toBe('{"__proto__":{"polluted":true}}');
  });
});

describe('lineToItem', () => {
  it('reports invalid JSON with a column', () => {
    const e = errorOf(() => lineToItem('{"prompt": "p", "responses": [}'));
    expect(e.message).toBe('invalid JSON: unexpected "}" where a value was expected at column 31');
  });
});
