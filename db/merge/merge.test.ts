import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { writeAnnotations } from '../handoff/annotations';
import { writePackage } from '../handoff/package';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { ensureLabeller } from '../labellers';
import { initial } from '../migrations/001-initial';
import { judgmentDetails } from '../migrations/002-judgment-details';
import { openProject, type Project } from '../open';
import { item, newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';
import { mergeFiles, type FileOutcome } from './merge-files';

const ADA = { id: '0190a000-0000-7000-8000-0000000000a1', name: 'Ada' };
const BO = { id: '0190a000-0000-7000-8000-0000000000b2', name: 'Bo' };

/** Every table a merge writes, in a stable order, for comparing two projects row by row. */
function snapshot(p: Project) {
  const q = (sql: string) => p.db.prepare(sql).all();
  return {
    labellers: q('SELECT id, name FROM labellers ORDER BY id'),
    judgments: q('SELECT * FROM judgments ORDER BY id'),
    heads: q('SELECT * FROM judgment_heads ORDER BY labeller_id, item_id'),
    repeats: q('SELECT id, labeller_id, item_id, after_item_id FROM repeats ORDER BY id'),
    repeatJudgments: q('SELECT * FROM repeat_judgments ORDER BY id'),
  };
}

/**
 * An annotation file made by hand (rows are JSON text or values), ending like a written one:
 * with its end line, counting the lines before it.
 */
function annotationFile(path: string, ...rows: unknown[]): string {
  const text = rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
  writeFileSync(
    path,
    [...text, JSON.stringify({ end: true, lines: text.length })].join('\n') + '\n',
  );
  return path;
}

describe('merge', () => {
  let t: ReturnType<typeof tempDir>;
  let lead: Project;
  let source: string;

  /** A labeller works in their package through the real backend and sends back an annotation file. */
  async function labellerFile(
    who: { id: string; name: string },
    verdicts: Array<[string, 'A' | 'B' | 'tie' | 'both_bad', string?]>,
    name = `${who.name}.jsonl`,
  ): Promise<string> {
    ensureLabeller(lead.db, who);
    const pkgPath = join(t.dir, `${who.name}-${Math.random().toString(36).slice(2)}.rankwise`);
    writePackage(lead.db, lead.path, who.id, pkgPath);
    const pkg = openProject(pkgPath);
    const backend = newBackend(pkg, who);
    const client = createClient(createInProcessTransport(backend));
    for (const [itemId, choice, rationale] of verdicts) {
      const view = await client.call('items.get', { labellerId: who.id, itemId });
      await client.call('judgments.submit', {
        labellerId: who.id,
        itemId,
        displayedOrder: view.displayedOrder,
        verdict: { kind: 'pairwise', choice },
        rationale: rationale ?? null,
        timeMs: 1000,
      });
    }
    const out = join(t.dir, name);
    await writeAnnotations(pkg.db, who.id, out);
    await backend.close();
    return out;
  }

  function freshLead(name: string): Project {
    const p = openProject(join(t.dir, name), { create: true });
    p.db.exec(`ATTACH DATABASE '${source}' AS src;
      DELETE FROM project_settings; INSERT INTO project_settings SELECT * FROM src.project_settings;
      INSERT INTO imports SELECT * FROM src.imports; INSERT INTO items SELECT * FROM src.items;
      INSERT INTO responses SELECT * FROM src.responses; INSERT INTO labellers SELECT * FROM src.labellers;
      DETACH DATABASE src;`);
    return p;
  }

  beforeEach(async () => {
    t = tempDir();
    lead = newProject(t.dir, 'lead.rankwise');
    source = lead.path;
    await importFile(
      lead.db,
      writeJsonl(
        join(t.dir, 'items.jsonl'),
        ['a', 'b', 'c', 'd'].map((i) => item(i)),
      ),
    );
  });
  afterEach(() => {
    lead.close();
    t.cleanup();
  });

  const merged = (o: FileOutcome) => {
    if (o.status !== 'merged') throw new Error(`expected merged, got ${o.message}`);
    return o;
  };

  it('merges two labellers’ files; merging again changes nothing (idempotent)', async () => {
    const ada = await labellerFile(ADA, [
      ['a', 'A', 'clearer'],
      ['b', 'B'],
      ['c', 'tie'],
    ]);
    const bo = await labellerFile(BO, [
      ['a', 'B', 'more complete'],
      ['b', 'B'],
    ]);
    const [ra, rb] = await mergeFiles(lead.db, [ada, bo]);
    expect(merged(ra!)).toMatchObject({ added: 3, alreadyPresent: 0, labellers: [ADA] });
    expect(merged(rb!)).toMatchObject({ added: 2, alreadyPresent: 0 });
    const before = snapshot(lead);
    expect(before.heads).toHaveLength(5);
    expect(before.judgments.map((j) => (j as { rationale: string | null }).rationale)).toContain(
      'clearer',
    );

    const again = await mergeFiles(lead.db, [ada, bo, ada]);
    expect(again.map((o) => merged(o).added)).toEqual([0, 0, 0]);
    expect(merged(again[0]!).alreadyPresent).toBe(3);
    expect(snapshot(lead)).toEqual(before);
  });

  it('is order-independent: A then B leaves exactly the tables B then A does, revisions and undos included', async () => {
    // Ada changes her mind on "a" (two revisions), undoes "c" (a retraction).
    ensureLabeller(lead.db, ADA);
    const pkgPath = join(t.dir, 'ada-pkg.rankwise');
    writePackage(lead.db, lead.path, ADA.id, pkgPath);
    const pkg = openProject(pkgPath);
    const backend = newBackend(pkg, ADA);
    const client = createClient(createInProcessTransport(backend));
    const submit = async (itemId: string, choice: 'A' | 'B' | 'tie') => {
      const view = await client.call('items.get', { labellerId: ADA.id, itemId });
      await client.call('judgments.submit', {
        labellerId: ADA.id,
        itemId,
        displayedOrder: view.displayedOrder,
        verdict: { kind: 'pairwise', choice },
        timeMs: 5,
      });
    };
    await submit('a', 'A');
    await submit('a', 'B');
    await submit('c', 'tie');
    await client.call('judgments.undo', { labellerId: ADA.id });
    const ada = join(t.dir, 'ada.jsonl');
    await writeAnnotations(pkg.db, ADA.id, ada);
    await backend.close();
    const bo = await labellerFile(BO, [
      ['a', 'A'],
      ['d', 'both_bad'],
    ]);

    const one = freshLead('one.rankwise');
    const two = freshLead('two.rankwise');
    const [fromAda] = await mergeFiles(one.db, [ada, bo]);
    await mergeFiles(two.db, [bo, ada]);
    // One chain per item (a: revision 1 then 2): nothing judged twice, nothing to note.
    expect(merged(fromAda!)).toMatchObject({
      added: 4,
      twoJudgments: { count: 0, list: [] },
      olderRevisions: { count: 0 },
      notes: [],
      warnings: [],
    });
    const s1 = snapshot(one);
    expect(s1).toEqual(snapshot(two));
    // Revisions stayed revisions: Ada's "a" has two, chained, the later one current.
    const chain = one.db
      .prepare(
        "SELECT revision, supersedes, id FROM judgments WHERE item_id = 'a' AND labeller_id = ? ORDER BY revision",
      )
      .all(ADA.id) as Array<{ revision: number; supersedes: string | null; id: string }>;
    expect(chain.map((r) => r.revision)).toEqual([1, 2]);
    expect(chain[1]!.supersedes).toBe(chain[0]!.id);
    expect(
      one.db
        .prepare("SELECT kind FROM judgment_heads WHERE item_id = 'c' AND labeller_id = ?")
        .pluck()
        .get(ADA.id),
    ).toBe('retract');
    one.close();
    two.close();
  });

  it('keeps both halves of a chain that arrived in two files, in time order, whichever comes first', async () => {
    const ada = await labellerFile(ADA, [['a', 'A']]);
    const lines = readFileSync(ada, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[1]!) as Record<string, unknown>;
    // A later revision of the same judgment, made on another machine.
    const later = {
      ...first,
      id: '0190a000-0000-7000-8000-00000000ffff',
      createdAt: (first['createdAt'] as number) + 1000,
      chosenIdx: first['rejectedIdx'],
      rejectedIdx: first['chosenIdx'],
      revision: 1,
    };
    const second = annotationFile(join(t.dir, 'ada-laptop.jsonl'), lines[0], later);
    const one = freshLead('one.rankwise');
    const two = freshLead('two.rankwise');
    const inOrder = await mergeFiles(one.db, [ada, second]);
    const late = await mergeFiles(two.db, [second, ada]);
    expect(snapshot(one)).toEqual(snapshot(two));
    const head = one.db.prepare('SELECT judgment_id, revision FROM judgment_heads').get();
    expect(head).toEqual({ judgment_id: later.id, revision: 2 });
    // In time order each file moves the verdict on; the earlier revision arriving last only
    // extends the history, and the outcome says so, naming the item.
    for (const o of [...inOrder, late[0]!])
      expect(merged(o).olderRevisions).toEqual({ count: 0, itemCount: 0, itemIds: [] });
    const old = merged(late[1]!);
    expect(old).toMatchObject({
      added: 1,
      olderRevisions: { count: 1, itemCount: 1, itemIds: ['a'] },
    });
    expect(old.notes).toEqual([
      '1 added revision is older than the labeller\'s current judgment of its item, so it went into its history and did not change the verdict: item "a"',
    ]);
    one.close();
    two.close();
  });

  it('refuses a file naming an unknown item, with file, line and item, and merges nothing from it', async () => {
    const ada = await labellerFile(ADA, [
      ['a', 'A'],
      ['b', 'B'],
    ]);
    const lines = readFileSync(ada, 'utf8').trim().split('\n');
    const bad = JSON.parse(lines[2]!) as Record<string, unknown>;
    bad['itemId'] = 'zzz';
    delete bad['itemHash'];
    annotationFile(ada, lines[0], lines[1], bad);
    const [r] = await mergeFiles(lead.db, [ada]);
    expect(r).toMatchObject({ status: 'refused', code: 'MERGE_REFUSED' });
    expect((r as { message: string }).message).toMatch(/^Ada\.jsonl:3: unknown item "zzz"/);
    expect((r as { message: string }).message).toMatch(/Nothing from Ada\.jsonl was merged/);
    expect(lead.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0);
  });

  it('refuses a conflicting id (same id, different content) and keeps the existing judgment', async () => {
    const ada = await labellerFile(ADA, [['a', 'A']]);
    await mergeFiles(lead.db, [ada]);
    const before = snapshot(lead);
    const lines = readFileSync(ada, 'utf8').trim().split('\n');
    const forged = JSON.parse(lines[1]!) as Record<string, unknown>;
    forged['rationale'] = 'changed after the fact';
    const file = annotationFile(join(t.dir, 'forged.jsonl'), lines[0], forged);
    const [r] = await mergeFiles(lead.db, [file]);
    expect((r as { message: string }).message).toMatch(
      /forged\.jsonl:2: conflicting id: judgment .* different content/,
    );
    expect(snapshot(lead)).toEqual(before);
  });

  it('refuses files from a newer annotation format or project schema, unchanged', async () => {
    const ada = await labellerFile(ADA, [['a', 'A']]);
    const lines = readFileSync(ada, 'utf8').trim().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const newer = join(t.dir, 'newer.jsonl');
    writeFileSync(newer, [JSON.stringify({ ...header, version: 99 }), lines[1]].join('\n') + '\n');
    const newerProject = join(t.dir, 'newer.rankwise');
    const np = newProject(t.dir, 'newer.rankwise');
    np.db.pragma('user_version = 999');
    np.close();
    const bytes = readFileSync(newerProject);
    const [a, b] = await mergeFiles(lead.db, [newer, newerProject]);
    expect(a).toMatchObject({ status: 'refused', code: 'PROJECT_NEWER_VERSION' });
    expect((a as { message: string }).message).toMatch(
      /newer\.jsonl:1: .*newer Rankwise \(annotation format v99; this version reads up to v1\)/,
    );
    expect(b).toMatchObject({ status: 'refused', code: 'PROJECT_NEWER_VERSION' });
    expect((b as { message: string }).message).toMatch(/project schema v999/);
    expect(readFileSync(newerProject).equals(bytes)).toBe(true);
    expect(lead.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0);
  });

  it('refuses judgments of changed item content, bad lines, other projects and out-of-range responses', async () => {
    const ada = await labellerFile(ADA, [['a', 'A']]);
    const [h, l] = readFileSync(ada, 'utf8').trim().split('\n') as [string, string];
    const line = JSON.parse(l) as Record<string, unknown>;
    const write = (name: string, ...rows: unknown[]) => annotationFile(join(t.dir, name), ...rows);
    const header = JSON.parse(h) as Record<string, unknown>;
    const outcomes = await mergeFiles(lead.db, [
      write('hash.jsonl', h, { ...line, itemHash: 'f'.repeat(64) }),
      write('json.jsonl', h, '{"id": ', l),
      write('other.jsonl', { ...header, project: { id: 'another' } }, l),
      write('range.jsonl', h, { ...line, chosenIdx: 7, itemHash: undefined }),
      write('who.jsonl', h, { ...line, labellerId: BO.id }),
      write('notours.jsonl', '{"hello": 1}'),
    ]);
    const messages = outcomes.map((o) => (o as { message: string }).message);
    expect(outcomes.every((o) => o.status === 'refused')).toBe(true);
    expect(messages[0]).toMatch(/hash\.jsonl:2: item "a" has different content here/);
    expect(messages[1]).toMatch(/json\.jsonl:2: invalid JSON/);
    expect(messages[2]).toMatch(/other\.jsonl:1: it was made for another project/);
    expect(messages[3]).toMatch(/range\.jsonl:2: names a response that item "a" does not have/);
    expect(messages[4]).toMatch(/who\.jsonl:2: labellerId: is .*but the header says/);
    expect(messages[5]).toMatch(/notours\.jsonl:1: format: not a Rankwise annotation file/);
    expect(lead.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0);
    // With the override, the other project's file merges (its items match).
    const [ok] = await mergeFiles(lead.db, [join(t.dir, 'other.jsonl')], {
      allowOtherProject: true,
    });
    expect(ok).toMatchObject({ status: 'merged', added: 1 });
  });

  it('names the items of revisions older than the current judgment, up to 20, and counts them all', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `x${String(i).padStart(2, '0')}`);
    await importFile(
      lead.db,
      writeJsonl(
        join(t.dir, 'more.jsonl'),
        ids.map((i) => item(i)),
      ),
    );
    const ada = await labellerFile(ADA, [...ids.map((i) => [i, 'A'] as [string, 'A']), ['a', 'A']]);
    const lines = readFileSync(ada, 'utf8').trim().split('\n').slice(1, -1);
    // The same judgments redone later on another machine (new ids, later times) arrive first.
    const redone = lines.map((l, i) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      return {
        ...r,
        id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        createdAt: (r['createdAt'] as number) + 60_000,
      };
    });
    const header = readFileSync(ada, 'utf8').split('\n')[0]!;
    const laptop = annotationFile(join(t.dir, 'laptop.jsonl'), header, ...redone);
    const [first, second] = await mergeFiles(lead.db, [laptop, ada]);
    expect(merged(first!).olderRevisions.count).toBe(0);
    const o = merged(second!);
    // Named in id order, whatever order the file has them in.
    expect(o.olderRevisions).toEqual({
      count: 26,
      itemCount: 26,
      itemIds: ['a', ...ids.slice(0, 19)],
    });
    expect(o.notes[0]).toMatch(
      /^26 added revisions are older than the labeller's current judgment of their item, so they went into its history and did not change the verdict: items "a", "x00", .*"x18" and 6 more$/,
    );
  });

  it('reports two judgments of one item in one file with their lines, keeps both, and refuses chains that contradict themselves', async () => {
    // Ada judged "a" in two copies of her package, then put both in one file.
    const one = await labellerFile(ADA, [['a', 'A']], 'one.jsonl');
    const two = await labellerFile(
      ADA,
      [
        ['a', 'B'],
        ['b', 'A'],
      ],
      'two.jsonl',
    );
    const [header, ...revs] = readFileSync(one, 'utf8').trim().split('\n').slice(0, -1);
    revs.push(...readFileSync(two, 'utf8').trim().split('\n').slice(1, -1));
    const [a1, a2, b] = revs.map((l) => JSON.parse(l) as Record<string, unknown>) as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect([a1['revision'], a2['revision']]).toEqual([1, 1]);
    const both = annotationFile(join(t.dir, 'both.jsonl'), header, a1, a2, b);
    const [r] = await mergeFiles(lead.db, [both]);
    const o = merged(r!);
    expect(o).toMatchObject({
      added: 3,
      twoJudgments: {
        count: 1,
        list: [{ itemId: 'a', labellerId: ADA.id, lines: [2, 3], ids: [a1['id'], a2['id']] }],
      },
    });
    expect(o.notes).toEqual([
      'item "a": 2 judgments by Ada in this file that do not supersede each other (line 2 and line 3); both kept, in time order: line 3 is the later',
    ]);
    const chain = lead.db
      .prepare("SELECT id FROM judgments WHERE item_id = 'a' ORDER BY revision")
      .pluck()
      .all();
    expect(chain).toEqual([a1['id'], a2['id']]);

    // A fork (two revisions superseding the same one) is two judgments too.
    const fork = {
      ...a2,
      id: '0190a000-0000-7000-8000-00000000f0f0',
      revision: 2,
      supersedes: a1['id'],
    };
    const fork2 = {
      ...fork,
      id: '0190a000-0000-7000-8000-00000000f0f1',
      createdAt: (a2['createdAt'] as number) + 5,
    };
    const forked = annotationFile(join(t.dir, 'fork.jsonl'), header, a1, fork, fork2);
    const [f] = await mergeFiles(freshLead('fork.rankwise').db, [forked]);
    expect(merged(f!).twoJudgments.list).toEqual([
      expect.objectContaining({ itemId: 'a', lines: [3, 4] }),
    ]);

    // What no writer could have meant is refused: superseding another item's revision,
    // oneself, or going round in a circle.
    const bad = await mergeFiles(freshLead('bad.rankwise').db, [
      annotationFile(join(t.dir, 'cross.jsonl'), header, b, {
        ...a2,
        revision: 2,
        supersedes: b['id'],
      }),
      annotationFile(join(t.dir, 'self.jsonl'), header, { ...a1, supersedes: a1['id'] }),
      annotationFile(
        join(t.dir, 'circle.jsonl'),
        header,
        { ...a1, revision: 1, supersedes: a2['id'] },
        { ...a2, revision: 2, supersedes: a1['id'] },
      ),
    ]);
    const messages = bad.map((x) => (x.status === 'refused' ? x.message : 'merged'));
    expect(messages[0]).toMatch(
      new RegExp(
        `^cross\\.jsonl:3: supersedes ${b['id'] as string} \\(line 2\\), which is a judgment of item "b", not "a"\\n`,
      ),
    );
    expect(messages[1]).toMatch(/^self\.jsonl:2: revision .* supersedes itself\n/);
    expect(messages[2]).toMatch(
      /^circle\.jsonl:2: revisions of item "a" supersede each other in a circle \(line 2 → line 3\)\n/,
    );
  });

  it('refuses a file with every bad line named, up to 100, and counts the rest', async () => {
    const ada = await labellerFile(ADA, [
      ['a', 'A'],
      ['b', 'B'],
    ]);
    const [header, good1, good2] = readFileSync(ada, 'utf8').trim().split('\n') as [
      string,
      string,
      string,
    ];
    const line = JSON.parse(good1) as Record<string, unknown>;
    const rows: Array<string | Buffer> = [header, good1];
    rows.push(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])); // line 3: not UTF-8
    rows.push('{"id": '); // 4: bad JSON
    rows.push(JSON.stringify({ ...line, id: 'w1', labellerId: BO.id })); // 5: another labeller
    rows.push(JSON.stringify({ ...line, id: 'u1', itemId: 'nope', itemHash: undefined })); // 6: unknown item
    rows.push(good2); // 7
    rows.push(JSON.stringify({ ...line, id: 'k1', kind: 'pairwise', outcome: null })); // 8: no outcome
    for (let i = 0; i < 150; i++) rows.push(`not json ${i}`); // 9..158
    const file = join(t.dir, 'bad.jsonl');
    const body = rows.map((r) => (typeof r === 'string' ? Buffer.from(r) : r));
    body.push(Buffer.from(JSON.stringify({ end: true, lines: rows.length })));
    writeFileSync(file, Buffer.concat(body.flatMap((b) => [b, Buffer.from('\n')])));

    const [r] = await mergeFiles(lead.db, [file]);
    if (r!.status !== 'refused') throw new Error('expected a refusal');
    expect(r!.problemCount).toBe(155);
    expect(r!.problemList).toHaveLength(100);
    expect(r!.problemList.slice(0, 5)).toEqual([
      { line: 3, reason: 'invalid UTF-8' },
      { line: 4, reason: expect.stringMatching(/^invalid JSON/) as string },
      {
        line: 5,
        reason: expect.stringMatching(
          /^labellerId: is 0190a000-0000-7000-8000-0000000000b2, but the header says/,
        ) as string,
      },
      { line: 6, reason: 'unknown item "nope": it is not in this project' },
      { line: 8, reason: 'outcome: is set exactly for pairwise judgments' },
    ]);
    expect(r!.problemList.map((p) => p.line)).toEqual([
      3,
      4,
      5,
      6,
      ...Array.from({ length: 96 }, (_, i) => i + 8),
    ]);
    const shown = r!.message.split('\n');
    expect(shown).toHaveLength(102);
    expect(shown[0]).toBe('bad.jsonl:3: invalid UTF-8');
    expect(shown[99]).toMatch(/^bad\.jsonl:103: invalid JSON/);
    expect(shown.slice(100)).toEqual([
      '… and 55 more problems in bad.jsonl',
      'Nothing from bad.jsonl was merged.',
    ]);
    expect(r!.problems).toMatchObject({ file: 'bad.jsonl', total: 155 });
    expect(lead.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0);
  });

  it('writes an end line and refuses a file that lost it, was cut, or grew; merges an earlier version’s file with a warning', async () => {
    const ada = await labellerFile(ADA, [
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'tie'],
    ]);
    const text = readFileSync(ada, 'utf8');
    const lines = text.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ endLine: true });
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4]!)).toEqual({ end: true, lines: 4 });
    expect(text.endsWith('\n')).toBe(true);

    const put = (name: string, body: string) => {
      writeFileSync(join(t.dir, name), body);
      return join(t.dir, name);
    };
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const { endLine: _promise, ...oldHeader } = header;
    const outcomes = await mergeFiles(lead.db, [
      put('cut.jsonl', lines.slice(0, 3).join('\n') + '\n'),
      put('halfline.jsonl', text.slice(0, text.indexOf(lines[3]!) + 20)),
      put('lost.jsonl', [lines[0], lines[1], lines[3], lines[4]].join('\n') + '\n'),
      put('grown.jsonl', text + lines[2] + '\n'),
    ]);
    const [cut, half, lost, grown] = outcomes.map((o) => (o.status === 'refused' ? o : null));
    expect(cut?.problemList).toEqual([
      {
        line: null,
        reason:
          'no end line: the file was cut short (its header says it ends with an end line); 2 revisions read',
      },
    ]);
    expect(half?.problemList.map((p) => p.line)).toEqual([null, 4]);
    expect(half?.problemList[1]!.reason).toMatch(/^invalid JSON/);
    expect(lost?.message).toMatch(
      /^lost\.jsonl:4: end line: says 4 lines come before it, but 3 do: the file was damaged \(lines were lost or added\)\n/,
    );
    expect(grown?.message).toMatch(
      /^grown\.jsonl:6: after the end line \(line 5\): the file was damaged/,
    );
    expect(lead.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0);

    // Written before end lines: no promise in the header, no end line. It merges, with a warning.
    const old = put(
      'old.jsonl',
      [JSON.stringify(oldHeader), ...lines.slice(1, 4)].join('\n') + '\n',
    );
    const [o] = await mergeFiles(lead.db, [old]);
    expect(merged(o!)).toMatchObject({
      added: 3,
      warnings: ['no end line: written by an earlier Rankwise, or cut short; 3 revisions read'],
    });
    // And the whole file, end line and all, is the same judgments again.
    const [again] = await mergeFiles(lead.db, [ada]);
    expect(merged(again!)).toMatchObject({ added: 0, alreadyPresent: 3, warnings: [] });
  });

  it('merges a whole project file, including one at an older schema, without touching it', async () => {
    await labellerFile(ADA, [['a', 'A']]);
    // A labeller's working copy: the package they judged in.
    const pkgPath = join(t.dir, 'bo-copy.rankwise');
    ensureLabeller(lead.db, BO);
    writePackage(lead.db, lead.path, BO.id, pkgPath);
    const pkg = openProject(pkgPath);
    const backend = newBackend(pkg, BO);
    const client = createClient(createInProcessTransport(backend));
    const view = await client.call('items.get', { labellerId: BO.id, itemId: 'b' });
    await client.call('judgments.submit', {
      labellerId: BO.id,
      itemId: 'b',
      displayedOrder: view.displayedOrder,
      verdict: { kind: 'pairwise', choice: 'tie' },
      timeMs: 9,
    });
    await backend.close();
    const [r] = await mergeFiles(lead.db, [pkgPath]);
    expect(r).toMatchObject({ status: 'merged', kind: 'project', added: 1 });

    // A v2 project (before the team tables) with a judgment of item "c".
    const old = openProject(join(t.dir, 'old.rankwise'), {
      create: true,
      migrations: [initial, judgmentDetails],
    });
    old.db.exec(`ATTACH DATABASE '${lead.path}' AS src;
      DELETE FROM project_settings; INSERT INTO project_settings SELECT * FROM src.project_settings;
      INSERT INTO items SELECT seq, id, prompt_json, content_hash, metadata_json, NULL, archived, created_at FROM src.items;
      INSERT INTO responses SELECT * FROM src.responses; DETACH DATABASE src;
      INSERT INTO labellers VALUES ('old-l', 'Cy', 1);
      INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx, displayed_order_json, time_ms, guideline_version, created_at)
        VALUES ('old-j', 'c', 'old-l', 1, 'pairwise', 'preferred', 0, 1, '[0,1]', 3, 1, 7);
      INSERT INTO judgment_heads VALUES ('c', 'old-l', 'old-j', 1, 'pairwise');`);
    old.close();
    const oldBytes = readFileSync(join(t.dir, 'old.rankwise'));
    const [o] = await mergeFiles(lead.db, [join(t.dir, 'old.rankwise')]);
    expect(o).toMatchObject({
      status: 'merged',
      added: 1,
      labellers: [{ id: 'old-l', name: 'Cy' }],
    });
    expect(readFileSync(join(t.dir, 'old.rankwise')).equals(oldBytes)).toBe(true);
  });
});
