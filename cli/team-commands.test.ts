import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../shared/api/client';
import { createInProcessTransport } from '../db/in-process-transport';
import { openProject } from '../db/open';
import { item, newBackend, tempDir, writeJsonl } from '../db/test-support/temp-project';
import type { AgreementReport, Leaderboard, QueueEntry } from '../shared/analysis/report';
import { testIo } from './test-io';
import { main } from './main';

const io = testIo;

describe('rankwise assign / package / annotations / merge / agreement / leaderboard', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('runs the hand-off round trip and reports agreement and the leaderboard', async () => {
    const lead = join(t.dir, 'lead.rankwise');
    const data = writeJsonl(
      join(t.dir, 'items.jsonl'),
      Array.from({ length: 6 }, (_, i) =>
        item(`q${i}`, `p${i}`, [
          { model: 'alpha', text: `a${i}` },
          { model: 'beta', text: `b${i}` },
        ]),
      ),
    );
    expect(await main(['import', data, '--into', lead], io().io)).toBe(0);
    const a = io();
    expect(
      await main(['assign', lead, '--labellers', 'Ada,Bo', '--overlap', '2', '--json'], a.io),
    ).toBe(0);
    const plan = JSON.parse(a.out[0]!) as { labellers: Array<{ items: number }> };
    expect(plan.labellers.map((l) => l.items)).toEqual([6, 6]);

    // Each labeller judges in their package (through the backend, as the app would) and
    // sends back an annotation file.
    const files: string[] = [];
    for (const [name, pick] of [
      ['Ada', 0],
      ['Bo', 1],
    ] as const) {
      const pkg = join(t.dir, `${name}.rankwise`);
      expect(await main(['package', lead, '--labeller', name, '--out', pkg], io().io)).toBe(0);
      const backend = newBackend(openProject(pkg));
      const client = createClient(createInProcessTransport(backend));
      const { labeller } = await client.call('session.get', {});
      expect(labeller?.name).toBe(name);
      for (let next = await client.call('items.next', { labellerId: labeller!.id }); next;) {
        const pos = next.displayedOrder.indexOf(next.id === 'q0' ? 1 : pick);
        await client.call('judgments.submit', {
          labellerId: labeller!.id,
          itemId: next.id,
          displayedOrder: next.displayedOrder,
          verdict: { kind: 'pairwise', choice: pos === 0 ? 'A' : 'B' },
          rationale: `${name} on ${next.id}`,
          timeMs: 2000,
        });
        next = await client.call('items.next', { labellerId: labeller!.id });
      }
      await backend.close();
      const out = join(t.dir, `${name}.jsonl`);
      const ann = io();
      expect(await main(['annotations', pkg, '--out', out, '--json'], ann.io)).toBe(0);
      expect(JSON.parse(ann.out[0]!)).toMatchObject({ revisions: 6, labeller: { name } });
      files.push(out);
    }

    const m = io();
    expect(await main(['merge', lead, ...files], m.io)).toBe(0);
    expect(m.out.join('\n')).toMatch(
      /Ada\.jsonl: merged 6 new judgment revisions \(0 already here\) from Ada/,
    );
    // Again: nothing new.
    const again = io();
    expect(await main(['merge', lead, ...files, '--json'], again.io)).toBe(0);
    const second = JSON.parse(again.out[0]!) as { files: Array<{ added: number }> };
    expect(second.files.map((f) => f.added)).toEqual([0, 0]);

    // A bad file: exit 1, stderr names file, line and reason; the good one still merges.
    const lines = readFileSync(files[0]!, 'utf8').trim().split('\n');
    const broken = join(t.dir, 'broken.jsonl');
    writeFileSync(broken, `${lines[0]}\n${lines[1]}\n{"id": "x", "itemId": "nope"}\n`);
    const bad = io();
    expect(await main(['merge', lead, broken], bad.io)).toBe(1);
    expect(bad.err[0]).toMatch(/broken\.jsonl:3: /);
    expect(bad.err[0]).toMatch(/Nothing from .*broken\.jsonl was merged/);

    const ag = io();
    expect(await main(['agreement', lead, '--json'], ag.io)).toBe(0);
    const report = JSON.parse(ag.out[0]!) as AgreementReport & { queue: QueueEntry[] };
    expect(report.counts).toMatchObject({ judgments: 12, labellers: 2, sharedItems: 6 });
    const percent = report.tasks[0]!.figures.find((f) => f.key === 'percent')!;
    // Ada picks response 1 of q0 like Bo; on the other five they differ.
    expect(percent.value).toBeCloseTo(1 / 6, 12);
    expect(report.queue).toHaveLength(5);
    const human = io();
    expect(await main(['agreement', lead], human.io)).toBe(0);
    expect(human.out.join('\n')).toMatch(/Fleiss' κ/);

    const lb = io();
    expect(await main(['leaderboard', lead, '--json', '--bootstrap', '20'], lb.io)).toBe(0);
    const board = JSON.parse(lb.out[0]!) as Leaderboard;
    expect(board.comparisons).toBe(12);
    expect(board.models.map((x) => x.model).sort()).toEqual(['alpha', 'beta']);
    const lbh = io();
    expect(await main(['leaderboard', lead], lbh.io)).toBe(0);
    expect(lbh.out.join('\n')).toMatch(/BT rating/);
  });

  it('merge says per file what it did: older revisions, a missing end line, every bad line', async () => {
    const lead = join(t.dir, 'lead.rankwise');
    const data = writeJsonl(
      join(t.dir, 'items.jsonl'),
      ['q0', 'q1'].map((id) => item(id)),
    );
    expect(await main(['import', data, '--into', lead], io().io)).toBe(0);
    expect(await main(['assign', lead, '--labellers', 'Ada', '--overlap', '1'], io().io)).toBe(0);
    const pkg = join(t.dir, 'Ada.rankwise');
    expect(await main(['package', lead, '--labeller', 'Ada', '--out', pkg], io().io)).toBe(0);
    const backend = newBackend(openProject(pkg));
    const client = createClient(createInProcessTransport(backend));
    const { labeller } = await client.call('session.get', {});
    for (let next = await client.call('items.next', { labellerId: labeller!.id }); next;) {
      await client.call('judgments.submit', {
        labellerId: labeller!.id,
        itemId: next.id,
        displayedOrder: next.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 100,
      });
      next = await client.call('items.next', { labellerId: labeller!.id });
    }
    await backend.close();
    const ada = join(t.dir, 'ada.jsonl');
    expect(await main(['annotations', pkg, '--out', ada], io().io)).toBe(0);
    const [header, rev1, rev2] = readFileSync(ada, 'utf8').trim().split('\n') as [
      string,
      string,
      string,
    ];

    // Ada's later answer to her first item, from another machine, arrives first.
    const first = JSON.parse(rev1) as Record<string, unknown>;
    const later = {
      ...first,
      id: '0190a000-0000-7000-8000-00000000ffff',
      createdAt: (first['createdAt'] as number) + 1000,
    };
    const laptop = join(t.dir, 'laptop.jsonl');
    writeFileSync(
      laptop,
      [header, JSON.stringify(later), '{"end":true,"lines":2}'].join('\n') + '\n',
    );
    // Ada's file as an earlier Rankwise wrote it: no end line, and no promise of one.
    const { endLine: _promise, ...oldHeader } = JSON.parse(header) as Record<string, unknown>;
    const old = join(t.dir, 'old.jsonl');
    writeFileSync(old, [JSON.stringify(oldHeader), rev1, rev2].join('\n') + '\n');
    const m = io();
    expect(await main(['merge', lead, laptop, old], m.io)).toBe(0);
    expect(m.out).toEqual([
      expect.stringMatching(/laptop\.jsonl: merged 1 new judgment revisions/),
      expect.stringMatching(/old\.jsonl: merged 2 new judgment revisions/),
    ]);
    expect(m.err).toEqual([
      `${old}: warning: no end line: written by an earlier Rankwise, or cut short; 2 revisions read`,
      `${old}: note: 1 added revision is older than the labeller's current judgment of its item, so it went into its history and did not change the verdict: item "${first['itemId'] as string}"`,
    ]);

    // 130 bad lines: stderr and --json name the first 100, file:line: reason, and count all.
    const bad = join(t.dir, 'bad.jsonl');
    const junk = Array.from({ length: 130 }, (_, i) => `{"id": "j${i}"`);
    writeFileSync(bad, [header, ...junk, '{"end":true,"lines":131}'].join('\n') + '\n');
    const human = io();
    expect(await main(['merge', lead, bad], human.io)).toBe(1);
    const shown = human.err.join('\n').split('\n');
    expect(shown).toHaveLength(102);
    shown
      .slice(0, 100)
      .forEach((l, i) => expect(l).toMatch(new RegExp(`^${bad}:${i + 2}: invalid JSON`)));
    expect(shown.slice(100)).toEqual([
      `… and 30 more problems in ${bad}`,
      `Nothing from ${bad} was merged.`,
    ]);
    const json = io();
    expect(await main(['merge', lead, bad, '--json'], json.io)).toBe(1);
    const [refused] = (JSON.parse(json.out[0]!) as { files: Array<Record<string, unknown>> }).files;
    expect(refused).toMatchObject({
      status: 'refused',
      file: bad,
      code: 'MERGE_REFUSED',
      problemCount: 130,
    });
    const list = refused!['problemList'] as Array<{ line: number; reason: string }>;
    expect(list.map((p) => p.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(refused!['problems']).toMatchObject({ file: bad, total: 130 });

    // A missing file is named as such.
    const missing = io();
    expect(await main(['merge', lead, join(t.dir, 'nope.jsonl')], missing.io)).toBe(1);
    expect(missing.err).toEqual([
      `${join(t.dir, 'nope.jsonl')}: no such file\nNothing from ${join(t.dir, 'nope.jsonl')} was merged.`,
    ]);
  });

  it('exits 2 on usage errors and 1 on a missing project', async () => {
    const u = io();
    expect(await main(['merge', 'p.rankwise'], u.io)).toBe(2);
    expect(u.err[0]).toMatch(/missing <file>/);
    const m = io();
    expect(await main(['agreement', join(t.dir, 'nope.rankwise')], m.io)).toBe(1);
    expect(m.err[0]).toMatch(/no such project file/);
  });
});
