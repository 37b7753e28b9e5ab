import { describe, expect, it } from 'vitest';
import type { ItemInput } from '../../domain/item';
import { RecordError } from '../record-error';
import { shapeById, type FormatId } from './index';

const notes: string[] = [];
const ctx = { mapping: null, note: (r: string) => notes.push(r) };
const convert = (format: FormatId, record: unknown): ItemInput[] =>
  shapeById(format).toItems(record, ctx);

function errorOf(fn: () => unknown): RecordError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecordError) return e;
    throw e;
  }
  throw new Error('expected a RecordError');
}

describe('TRL preference rows', () => {
  it('standard, explicit prompt: two responses, the original preference kept', () => {
    const [item] = convert('trl', {
      prompt: 'The sky is',
      chosen: ' blue.',
      rejected: ' green.',
      score_chosen: 9,
    });
    expect(item).toEqual({
      sourceId: null,
      prompt: 'The sky is',
      responses: [
        { model: null, content: ' blue.', metadata: { source_field: 'chosen' } },
        { model: null, content: ' green.', metadata: { source_field: 'rejected' } },
      ],
      metadata: {
        score_chosen: 9,
        source_verdicts: [{ from: 'chosen/rejected', ranking: [[0], [1]] }],
      },
    });
  });

  it('standard, implicit prompt: split at a word boundary, never inside a word', () => {
    const [item] = convert('trl', {
      chosen: 'The sky is blue.',
      rejected: 'The sky is bluish green.',
    });
    expect(item!.prompt).toBe('The sky is');
    expect(item!.responses.map((r) => r.content)).toEqual(['blue.', 'bluish green.']);
  });

  it('conversational, explicit prompt', () => {
    const [item] = convert('trl', {
      prompt: [{ role: 'user', content: 'Hi' }],
      chosen: [{ role: 'assistant', content: 'Hello!' }],
      rejected: [{ role: 'assistant', content: 'Go away.' }],
    });
    expect(item!.prompt).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(item!.responses.map((r) => r.content)).toEqual(['Hello!', 'Go away.']);
  });

  it('conversational, implicit prompt: the shared messages are the prompt (system and tool turns too)', () => {
    const shared = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: '12°C' },
    ];
    const [item] = convert('trl', {
      chosen: [...shared, { role: 'assistant', content: 'Cool, 12°C.' }],
      rejected: [
        ...shared,
        { role: 'assistant', content: 'Hot.' },
        { role: 'user', content: '?' },
        { role: 'assistant', content: 'Sorry.' },
      ],
    });
    expect(item!.prompt).toHaveLength(4);
    expect((item!.prompt as Array<{ tool_calls?: unknown }>)[2]!.tool_calls).toHaveLength(1);
    expect(item!.responses[0]!.content).toBe('Cool, 12°C.');
    // Several turns after the prompt: written out by role, and kept whole in metadata.
    expect(item!.responses[1]!.content).toBe(
      '**Assistant:** Hot.\n\n**User:** ?\n\n**Assistant:** Sorry.',
    );
    expect(item!.responses[1]!.metadata!['messages']).toHaveLength(3);
  });

  it('UltraFeedback-binarized rows (prompt string, chosen repeating it) use the shared messages', () => {
    const [item] = convert('trl', {
      prompt: 'Q?',
      prompt_id: 'abc',
      chosen: [
        { role: 'user', content: 'Q?' },
        { role: 'assistant', content: 'A.' },
      ],
      rejected: [
        { role: 'user', content: 'Q?' },
        { role: 'assistant', content: 'B.' },
      ],
    });
    expect(item!.prompt).toEqual([{ role: 'user', content: 'Q?' }]);
    expect(item!.metadata!['prompt_id']).toBe('abc');
  });

  it.each([
    [{ chosen: 'a', rejected: ['x'] }, 'rejected', /like chosen/],
    [
      { chosen: [{ role: 'user', content: 'q' }], rejected: [{ role: 'user', content: 'q' }] },
      'chosen',
      /no reply/,
    ],
    [
      {
        chosen: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'x' },
        ],
        rejected: [
          { role: 'user', content: 'b' },
          { role: 'assistant', content: 'y' },
        ],
      },
      'rejected',
      /no common prompt/,
    ],
    [
      { prompt: 'p', chosen: 'a', rejected: [{ role: 'wizard', content: 'x' }] },
      'rejected',
      /like chosen/,
    ],
  ])('names the field: %j', (record, field, reason) => {
    const e = errorOf(() => convert('trl', record));
    expect(e.field).toBe(field);
    expect(e.reason).toMatch(reason);
  });
});

describe('HH-RLHF transcripts', () => {
  it('splits at the last Assistant turn; the earlier turns become the conversation', () => {
    const [item] = convert('hh', {
      chosen: '\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: Joke?\n\nAssistant: Knock knock.',
      rejected: '\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: Joke?\n\nAssistant: No.',
    });
    expect(item!.prompt).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'Joke?' },
    ]);
    expect(item!.responses.map((r) => r.content)).toEqual(['Knock knock.', 'No.']);
  });

  it('responses that start alike are not cut into (a character-level prefix would)', () => {
    const [item] = convert('hh', {
      chosen: '\n\nHuman: Name a colour\n\nAssistant: Blue is nice.',
      rejected: '\n\nHuman: Name a colour\n\nAssistant: Blue.',
    });
    expect(item!.responses.map((r) => r.content)).toEqual(['Blue is nice.', 'Blue.']);
  });

  it('reports transcripts whose prompts differ, naming the turn', () => {
    const e = errorOf(() =>
      convert('hh', {
        chosen: '\n\nHuman: A\n\nAssistant: x\n\nHuman: B\n\nAssistant: y',
        rejected: '\n\nHuman: A\n\nAssistant: z',
      }),
    );
    expect(e.message).toMatch(
      /^rejected: chosen and rejected differ before their last Assistant turn \(from turn 2/,
    );
  });
});

describe('ShareGPT', () => {
  it('maps from/value roles and puts a top-level system first', () => {
    const [item] = convert('sharegpt', {
      system: 'S',
      conversations: [
        { from: 'human', value: 'q1' },
        { from: 'gpt', value: 'a1' },
        { from: 'human', value: 'q2' },
      ],
      chosen: { from: 'gpt', value: 'good' },
      rejected: { from: 'gpt', value: 'bad' },
    });
    expect(item!.prompt).toEqual([
      { role: 'system', content: 'S' },
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ]);
    expect(item!.responses.map((r) => r.content)).toEqual(['good', 'bad']);
  });

  it('a plain conversation without chosen/rejected is refused with the reason', () => {
    expect(
      errorOf(() => convert('sharegpt', { conversations: [{ from: 'human', value: 'q' }] }))
        .message,
    ).toMatch(/^chosen: missing: a ShareGPT row needs "chosen" and "rejected"/);
  });
});

describe('OpenAssistant trees', () => {
  const node = (id: string, role: string, text: string, replies: unknown[] = [], extra = {}) => ({
    message_id: id,
    role,
    text,
    replies,
    ...extra,
  });

  it('one item per message with 2+ live assistant replies; deleted replies and prompter groups counted', () => {
    notes.length = 0;
    const tree = {
      message_tree_id: 't',
      prompt: node('r', 'prompter', 'Q', [
        node(
          'a1',
          'assistant',
          'A1',
          [
            node('p1', 'prompter', 'F1'),
            node('p2', 'prompter', 'F2', [
              node('a3', 'assistant', 'A3'),
              node('a4', 'assistant', 'A4', [], { rank: 0 }),
            ]),
          ],
          { rank: 1 },
        ),
        node('a2', 'assistant', 'A2', [], { rank: 0, model_name: 'm' }),
        node('ax', 'assistant', 'deleted', [], { deleted: true }),
      ]),
    };
    const items = convert('oasst', tree);
    expect(items.map((i) => i.sourceId)).toEqual(['r', 'p2']);
    expect(items[0]!.responses.map((r) => [r.model, r.content])).toEqual([
      [null, 'A1'],
      ['m', 'A2'],
    ]);
    expect(items[0]!.metadata!['source_verdicts']).toEqual([{ from: 'rank', ranking: [[1], [0]] }]);
    expect(items[1]!.prompt).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'F2' },
    ]);
    // Only a4 is ranked: the verdict names it alone, nothing is invented for a3.
    expect(items[1]!.metadata!['source_verdicts']).toEqual([{ from: 'rank', ranking: [[1]] }]);
    expect(notes.sort()).toEqual([
      'deleted OpenAssistant messages left out',
      'groups of sibling prompter messages (alternative user turns, not responses) left out',
    ]);
  });

  it('walks a 20 000-deep chain without recursion and refuses it past 1000 turns', () => {
    let n: unknown = node('leaf', 'assistant', 'x');
    for (let i = 0; i < 20_000; i++) n = node(`n${i}`, i % 2 ? 'assistant' : 'prompter', 't', [n]);
    expect(errorOf(() => convert('oasst', { message_tree_id: 't', prompt: n })).reason).toMatch(
      /deeper than 1000 turns/,
    );
  });
});

describe('UltraFeedback', () => {
  it('completions become responses with their ratings; scores become rankings', () => {
    const [item] = convert('ultrafeedback', {
      source: 'evol',
      instruction: 'Explain.',
      models: ['m1', 'm2', 'm3'],
      completions: [
        {
          model: 'm1',
          response: 'r1',
          annotations: {
            helpfulness: { Rating: '4', Rationale: 'ok' },
            honesty: { Rating: 'N/A' },
          },
          'fine-grained_score': 4,
          overall_score: 7,
        },
        {
          model: 'm2',
          response: 'r2',
          annotations: { helpfulness: { Rating: '5', Rationale: 'great' } },
          'fine-grained_score': 5,
          overall_score: 7,
        },
        { model: 'm3', response: 'r3', 'fine-grained_score': 2, overall_score: 3 },
      ],
    });
    expect(item!.prompt).toBe('Explain.');
    expect(item!.responses.map((r) => r.model)).toEqual(['m1', 'm2', 'm3']);
    expect(item!.responses[0]!.metadata).toMatchObject({
      ratings: { helpfulness: 4, honesty: null },
      overall_score: 7,
    });
    expect(item!.metadata).toMatchObject({
      source: 'evol',
      source_verdicts: [
        { from: 'fine-grained_score', ranking: [[1], [0], [2]] },
        { from: 'overall_score', ranking: [[0, 1], [2]] },
      ],
    });
  });
});

describe('arena battles', () => {
  const conv = (answer: string) => [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: answer },
  ];
  it.each([
    ['model_a', { from: 'winner', ranking: [[0], [1]], by: 'arena_user_1' }],
    ['model_b', { from: 'winner', ranking: [[1], [0]], by: 'arena_user_1' }],
    ['tie', { from: 'winner', ranking: [[0, 1]], by: 'arena_user_1' }],
    ['tie (bothbad)', { from: 'winner', ranking: [[0, 1]], bothBad: true, by: 'arena_user_1' }],
  ])('Chatbot Arena conversations, winner %s', (winner, verdict) => {
    const [item] = convert('arena', {
      question_id: 'q1',
      model_a: 'A',
      model_b: 'B',
      winner,
      judge: 'arena_user_1',
      conversation_a: conv('from A'),
      conversation_b: conv('from B'),
      turn: 1,
    });
    expect(item).toMatchObject({ sourceId: 'q1', prompt: [{ role: 'user', content: 'Hi' }] });
    expect(item!.responses.map((r) => [r.model, r.content])).toEqual([
      ['A', 'from A'],
      ['B', 'from B'],
    ]);
    expect(item!.metadata).toMatchObject({ winner, turn: 1, source_verdicts: [verdict] });
  });

  it('the Arena human-preference layout (JSON-encoded turn lists, winner flags)', () => {
    const [item] = convert('arena', {
      id: 30192,
      model_a: 'gpt-4',
      model_b: 'llama',
      prompt: '["Q1","Q2"]',
      response_a: '["a1","a2"]',
      response_b: '["b1",null]',
      winner_model_a: 0,
      winner_model_b: 1,
      winner_tie: 0,
    });
    expect(item!.sourceId).toBe('30192');
    expect(item!.prompt).toEqual([{ role: 'user', content: 'Q1' }]);
    expect(item!.responses[0]!.content).toBe(
      '**Assistant:** a1\n\n**User:** Q2\n\n**Assistant:** a2',
    );
    expect(item!.metadata!['source_verdicts']).toEqual([
      { from: 'winner_model_b', ranking: [[1], [0]] },
    ]);
  });

  it('refuses an unknown winner', () => {
    expect(
      errorOf(() =>
        convert('arena', {
          model_a: 'A',
          model_b: 'B',
          winner: 'A',
          conversation_a: conv('a'),
          conversation_b: conv('b'),
        }),
      ).field,
    ).toBe('winner');
  });
});

describe('columns', () => {
  it('reads a prompt cell holding JSON messages as a conversation, and keeps the other columns', () => {
    const items = shapeById('columns').toItems(
      { q: '[{"role":"user","content":"hi"}]', a: 'x', b: 'y', src: 'web' },
      {
        mapping: {
          id: null,
          prompt: 'q',
          system: null,
          responses: [
            { column: 'a', modelColumn: null },
            { column: 'b', modelColumn: null },
          ],
        },
        note: () => undefined,
      },
    );
    expect(items[0]).toMatchObject({
      prompt: [{ role: 'user', content: 'hi' }],
      metadata: { src: 'web' },
    });
  });

  it('names a missing column', () => {
    const e = errorOf(() =>
      shapeById('columns').toItems(
        { q: 'p', a: 'x' },
        {
          mapping: {
            id: null,
            prompt: 'q',
            system: null,
            responses: [
              { column: 'a', modelColumn: null },
              { column: 'b', modelColumn: null },
            ],
          },
          note: () => undefined,
        },
      ),
    );
    expect(e.message).toBe('b: missing: the mapping names a column this row does not have');
  });
});

describe('generic with OpenAI chat messages', () => {
  it('keeps system, developer and tool turns, tool calls and content parts as the prompt', () => {
    const [item] = convert('generic', {
      id: 'chat-1',
      messages: [
        { role: 'developer', content: 'Answer in French.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp": 12}' },
      ],
      responses: [
        { model: 'a', content: 'Il fait 12 °C.' },
        { model: 'b', text: '12 degrees.' },
      ],
      source: 'synthetic',
    });
    expect(item).toEqual({
      sourceId: 'chat-1',
      prompt: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Weather in Paris?\n[image_url]' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', content: '{"temp": 12}', tool_call_id: 'c1' },
      ],
      responses: [
        { model: 'a', content: 'Il fait 12 °C.', metadata: null },
        { model: 'b', content: '12 degrees.', metadata: null },
      ],
      metadata: { source: 'synthetic' },
    });
  });
});
