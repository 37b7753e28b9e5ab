import { describe, expect, it } from 'vitest';
import { actions, buildKeymap, type Action } from './actions';
import { keyOf } from './keys';

describe('the action table', () => {
  it('binds every key to exactly one action', () => {
    const map = buildKeymap(actions);
    expect(map.get('1')?.id).toBe('choose-a');
    expect(map.get('ArrowLeft')?.id).toBe('choose-a');
    expect(map.get('2')?.id).toBe('choose-b');
    expect(map.get('ArrowRight')?.id).toBe('choose-b');
    expect(map.get('t')?.id).toBe('tie');
    expect(map.get('b')?.id).toBe('both-bad');
    expect(map.get('u')?.id).toBe('undo');
    expect(map.get('mod+z')?.id).toBe('undo');
  });

  it('refuses a table where two actions share a key', () => {
    const clash: Action[] = [
      ...actions,
      { id: 'other', label: 'Other', keys: ['t'], enabled: () => true, run: () => undefined },
    ];
    expect(() => buildKeymap(clash)).toThrow('key "t" is bound to both "tie" and "other"');
  });
});

describe('keyOf', () => {
  const k = (
    key: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
  ) => keyOf({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('names keys the way the table does', () => {
    expect(k('T', { shiftKey: true })).toBe('t');
    expect(k('?', { shiftKey: true })).toBe('?');
    expect(k('z', { ctrlKey: true })).toBe('mod+z');
    expect(k('z', { metaKey: true })).toBe('mod+z');
    expect(k('ArrowLeft')).toBe('ArrowLeft');
    expect(k('ArrowLeft', { shiftKey: true })).toBe('shift+ArrowLeft');
  });
});
