import { describe, expect, it } from 'vitest';
import { actions, buildKeymap, type Action } from './actions';
import { keyLabel, keyOf } from './keys';

describe('the action table', () => {
  const map = buildKeymap(actions);

  it('binds every key to exactly one action', () => {
    expect(map.get('1')?.id).toBe('pick-1');
    expect(map.get('ArrowLeft')?.id).toBe('choose-a');
    expect(map.get('ArrowRight')?.id).toBe('choose-b');
    expect(map.get('t')?.id).toBe('tie');
    expect(map.get('b')?.id).toBe('both-bad');
    expect(map.get('z')?.id).toBe('strength-1');
    expect(map.get('shift+1')?.id).toBe('flag-1');
    expect(map.get('Enter')?.id).toBe('submit');
    expect(map.get('s')?.id).toBe('skip');
    expect(map.get('u')?.id).toBe('undo');
    expect(map.get('mod+z')?.id).toBe('undo');
    expect(map.get('[')?.id).toBe('back');
    expect(map.get(']')?.id).toBe('next');
    expect(map.get('d')?.id).toBe('toggle-diff');
    expect(map.get('?')?.id).toBe('help');
  });

  it('covers every action the labelling issue names', () => {
    const ids = new Set(actions.map((a) => a.id));
    for (const id of [
      'choose-a',
      'choose-b',
      'tie',
      'both-bad',
      'strength-1',
      'row-down',
      'flag-1',
      'flags',
      'rationale',
      'submit',
      'skip',
      'undo',
      'back',
      'next',
      'jump',
      'toggle-diff',
      'toggle-layout',
      'toggle-guidelines',
      'toggle-sync',
      'toggle-turns',
      'none-acceptable',
      'thumb-up',
      'browse',
      'search',
      'help',
    ])
      expect(ids.has(id), id).toBe(true);
    for (const a of actions) expect(a.keys.length, a.id).toBeGreaterThan(0);
  });

  it('refuses a table where two actions share a key', () => {
    const clash: Action[] = [
      ...actions,
      {
        id: 'other',
        label: 'Other',
        group: 'App',
        keys: ['t'],
        enabled: () => true,
        run: () => undefined,
      },
    ];
    expect(() => buildKeymap(clash)).toThrow('key "t" is bound to both "tie" and "other"');
  });
});

describe('keyOf', () => {
  const k = (
    key: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
    code?: string,
  ) =>
    keyOf({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods, code });
  it('names keys the way the table does', () => {
    expect(k('T', { shiftKey: true })).toBe('t');
    expect(k('?', { shiftKey: true })).toBe('?');
    expect(k('z', { ctrlKey: true })).toBe('mod+z');
    expect(k('z', { metaKey: true })).toBe('mod+z');
    expect(k('ArrowLeft')).toBe('ArrowLeft');
    expect(k('ArrowLeft', { shiftKey: true })).toBe('shift+ArrowLeft');
    expect(k('+', { ctrlKey: true, shiftKey: true })).toBe('mod++');
  });
  it('names Shift+digit and Alt+letter by the physical key, whatever the layout types', () => {
    expect(k('!', { shiftKey: true }, 'Digit1')).toBe('shift+1');
    // AZERTY types digits with Shift: those are digits.
    expect(k('1', { shiftKey: true }, 'Digit1')).toBe('1');
    expect(k('†', { altKey: true }, 'KeyT')).toBe('alt+t');
  });
  it('shows keys to people', () => {
    expect(keyLabel('mod++')).toBe('Ctrl++');
    expect(keyLabel('shift+1')).toBe('Shift+1');
    expect(keyLabel('mod+z', true)).toBe('⌘Z');
  });
});
