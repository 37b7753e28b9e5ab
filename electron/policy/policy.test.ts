import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test-support/temp-project';
import { isAppUrl } from './app-origin';
import { resolveAppPath } from './app-path';
import { externalLinkDecision } from './external-links';
import { senderRefusal } from './ipc-senders';
import { latestWins } from './latest-wins';
import { buildMenuTemplate, type MenuSpec } from './menu-template';
import { navigationDecision, windowOpenDecision } from './navigation';
import { classifyDropped, projectFromArgv } from './open-files';
import { permissionDecision } from './permissions';
import { MAX_RECENT, recentProjectsStore, withRecent } from './recent-projects';
import { restoreBounds, windowStateStore } from './window-state';

describe('app origin and navigation', () => {
  it('recognises our origin by parsing, not by prefix', () => {
    expect(isAppUrl('app://rankwise/index.html')).toBe(true);
    for (const url of [
      'app://rankwise.evil/',
      'app://other/',
      'https://rankwise/',
      'file:///x',
      '',
      'nonsense',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });
  it('allows navigation only within the app, and never a new window', () => {
    expect(navigationDecision('app://rankwise/index.html')).toBe('allow');
    expect(navigationDecision('https://example.com/')).toBe('deny');
    expect(navigationDecision('javascript:alert(1)')).toBe('deny');
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
  it('denies every permission', () => {
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'fullscreen'])
      expect(permissionDecision(p, 'app://rankwise')).toBe(false);
  });
});

describe('IPC senders', () => {
  it('lets our own page call, and refuses anything else as untrusted', () => {
    expect(senderRefusal('app://rankwise/index.html')).toBeNull();
    for (const url of ['https://evil.example/', 'app://rankwise.evil/', 'file:///index.html'])
      expect(senderRefusal(url), url).toEqual({
        code: 'UNTRUSTED_SENDER',
        message: `calls are accepted only from the Rankwise window (app://rankwise); the sender, "${url}", is not trusted`,
      });
    for (const gone of [null, undefined, ''])
      expect(senderRefusal(gone)).toMatchObject({
        code: 'UNTRUSTED_SENDER',
        message: expect.stringMatching(
          /the sender, a frame that is gone, is not trusted$/,
        ) as unknown,
      });
  });
});

describe('external links', () => {
  it('https, clicked by the user, after confirming the exact address', () => {
    expect(externalLinkDecision('https://example.com/a?b', { userGesture: true })).toMatchObject({
      action: 'confirm',
      url: 'https://example.com/a?b',
      detail: 'https://example.com/a?b',
    });
  });
  it('refuses everything else, saying why', () => {
    const deny = (url: string, userGesture = true) => externalLinkDecision(url, { userGesture });
    expect(deny('https://example.com/', false)).toEqual({
      action: 'deny',
      reason: 'not opened by the user',
    });
    expect(deny('http://example.com/')).toMatchObject({
      action: 'deny',
      reason: 'http: links are not opened',
    });
    expect(deny('file:///etc/passwd')).toMatchObject({ action: 'deny' });
    expect(deny('smb://host/share')).toMatchObject({ action: 'deny' });
    expect(deny('https://user:pw@example.com/')).toMatchObject({
      reason: 'links with credentials are not opened',
    });
    expect(deny('not a url')).toMatchObject({ reason: 'not a valid URL' });
  });
});

describe('app:// paths', () => {
  let t: ReturnType<typeof tempDir>;
  let root: string;
  beforeEach(() => {
    t = tempDir();
    root = join(t.dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), 'x');
    writeFileSync(join(root, 'assets', 'a.js'), 'x');
    writeFileSync(join(t.dir, 'secret.txt'), 'x');
    symlinkSync(join(t.dir, 'secret.txt'), join(root, 'link.txt'));
  });
  afterEach(() => t.cleanup());

  it('serves files of the renderer, / as index.html', () => {
    expect(resolveAppPath(root, 'app://rankwise/')).toEqual({ file: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://rankwise/assets/a.js')).toEqual({
      file: join(root, 'assets', 'a.js'),
    });
  });
  it.each([
    ['app://rankwise/../secret.txt', 404],
    ['app://rankwise/%2e%2e/secret.txt', 404],
    ['app://rankwise/..%2fsecret.txt', 404],
    ['app://rankwise/assets/..%2f..%2fsecret.txt', 404],
    ['app://rankwise/..%5csecret.txt', 400],
    ['app://rankwise/index.html%00.js', 400],
    ['app://rankwise/%E0%A4%A', 400],
    ['app://rankwise/link.txt', 404],
    ['app://rankwise/assets', 404],
    ['app://rankwise/missing.js', 404],
    ['app://evil/index.html', 404],
    ['https://rankwise/index.html', 404],
  ])('refuses %s', (url, status) => {
    expect(resolveAppPath(root, url)).toMatchObject({ status });
  });
});

describe('files from the OS', () => {
  it('finds the project on a command line (file association, second instance)', () => {
    expect(
      projectFromArgv(['/opt/Rankwise/rankwise', '--no-sandbox', 'study.rankwise'], '/home/a'),
    ).toBe('/home/a/study.rankwise');
    expect(projectFromArgv(['electron', 'dist/electron/main.cjs', '/data/S.RANKWISE'], '/x')).toBe(
      '/data/S.RANKWISE',
    );
    expect(projectFromArgv(['rankwise', '--flag=a.rankwise'], '/x')).toBeNull();
    expect(projectFromArgv(['rankwise'], '/x')).toBeNull();
  });
  it('tells dropped projects from data from anything else', () => {
    expect(classifyDropped('/a/b.rankwise')).toEqual({ kind: 'project', path: '/a/b.rankwise' });
    expect(classifyDropped('/a/b.JSONL').kind).toBe('data');
    expect(classifyDropped('/a/b.parquet').kind).toBe('data');
    expect(classifyDropped('/a/b.exe').kind).toBe('other');
  });
});

describe('recent projects and window state', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('recent: most recent first, no duplicates, bounded, survives a garbled file', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = withRecent(list, `/p${i}.rankwise`);
    list = withRecent(list, '/p10.rankwise');
    expect(list[0]).toBe('/p10.rankwise');
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    const store = recentProjectsStore(join(t.dir, 'recent.json'));
    store.add('/a.rankwise');
    store.add('/b.rankwise');
    expect(store.read()).toEqual(['/b.rankwise', '/a.rankwise']);
    expect(store.remove('/b.rankwise')).toEqual(['/a.rankwise']);
    writeFileSync(join(t.dir, 'recent.json'), '{garbled');
    expect(store.read()).toEqual([]);
  });

  it('window: back where it was if that is on a display, else a default size', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const store = windowStateStore(join(t.dir, 'window.json'));
    store.write({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true });
    expect(restoreBounds(store.read(), displays)).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      maximized: true,
    });
    // The external monitor it was on is gone.
    expect(
      restoreBounds(
        { bounds: { x: 3000, y: 0, width: 1000, height: 700 }, maximized: false },
        displays,
      ).bounds,
    ).toEqual({
      width: 1000,
      height: 700,
    });
    // Mostly on screen but hanging off the edge: pulled back in; too small: the minimum.
    expect(
      restoreBounds(
        { bounds: { x: 1400, y: 700, width: 600, height: 300 }, maximized: false },
        displays,
      ).bounds,
    ).toEqual({
      x: 1200,
      y: 600,
      width: 720,
      height: 480,
    });
    expect(restoreBounds(null, displays)).toEqual({
      bounds: { width: 1280, height: 860 },
      maximized: false,
    });
    expect(
      restoreBounds({ bounds: { x: 0, y: 0, width: -5, height: NaN } }, displays).bounds,
    ).toEqual({
      width: 1280,
      height: 860,
    });
  });
});

describe('the menu', () => {
  const labels = (items: MenuSpec[]): string[] =>
    items.flatMap((i) => [i.label ?? i.role ?? '', ...labels(i.submenu ?? [])]);

  it('has the File, Edit, View and Help items of the flows that exist', () => {
    const menu = buildMenuTemplate({
      platform: 'linux',
      recent: ['/w/a.rankwise'],
      projectOpen: true,
      devTools: false,
    });
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(menu)).toEqual(
      expect.arrayContaining([
        'New Project…',
        'Open Project…',
        'Open Recent',
        'a.rankwise — /w/a.rankwise',
        'Export…',
        'Backups',
        'Keyboard Shortcuts',
      ]),
    );
    expect(labels(menu)).not.toContain('toggleDevTools');
    const file = menu[0]!.submenu!;
    expect(file.find((i) => i.id === 'backups')?.action).toEqual({
      kind: 'renderer',
      command: { command: 'show-view', view: 'backups' },
    });
    // Ctrl+Z stays with the page (the labelling screen's undo).
    const undo = menu[1]!.submenu!.find((i) => i.role === 'undo');
    expect(undo?.registerAccelerator).toBe(false);
  });

  it('disables what needs an open project, and follows macOS conventions there', () => {
    const menu = buildMenuTemplate({
      platform: 'darwin',
      recent: [],
      projectOpen: false,
      devTools: true,
    });
    expect(menu[0]).toEqual({ role: 'appMenu' });
    const file = menu[1]!.submenu!;
    expect(file.find((i) => i.id === 'export')?.enabled).toBe(false);
    expect(file.find((i) => i.id === 'open-recent')?.submenu).toEqual([
      expect.objectContaining({ id: 'clear-recent', enabled: false }),
    ]);
    expect(labels(menu)).toContain('toggleDevTools');
  });
});

describe('latest wins (opening projects)', () => {
  it('runs one call at a time, drops the waiting calls a later one supersedes, and survives a failure', async () => {
    const log: string[] = [];
    let running = 0;
    const open = latestWins(async (name: string) => {
      if (running++) log.push('overlap!');
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      running--;
      if (name === 'bad') throw new Error('cannot open bad');
    });
    // A starts; B and C arrive while it runs: B is superseded by C before its turn.
    const a = open('A');
    await new Promise((r) => setTimeout(r, 1));
    const b = open('B');
    const c = open('C');
    await Promise.all([a, b, c]);
    expect(log).toEqual(['start A', 'end A', 'start C', 'end C']);

    log.length = 0;
    await expect(open('bad')).rejects.toThrow(/cannot open bad/);
    await open('D');
    expect(log).toEqual(['start bad', 'end bad', 'start D', 'end D']);
  });
});
