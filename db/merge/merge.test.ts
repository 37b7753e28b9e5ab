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
    await mergeFiles(one.db, [ada, bo]);
    await mergeFiles(two.db, [bo, ada]);
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
    const second = join(t.dir, 'ada-laptop.jsonl');
    writeFileSync(second, `${lines[0]}\n${JSON.stringify(later)}\n`);
    const one = freshLead('one.rankwise');
    const two = freshLead('two.rankwise');
    await mergeFiles(one.db, [ada, second]);
    await mergeFiles(two.db, [second, ada]);
    expect(snapshot(one)).toEqual(snapshot(two));
    const head = one.db.prepare('SELECT judgment_id, revision FROM judgment_heads').get();
    expect(head).toEqual({ judgment_id: later.id, revision: 2 });
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
    writeFileSync(ada, [lines[0], lines[1], JSON.stringify(bad)].join('\n') + '\n');
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
    const file = join(t.dir, 'forged.jsonl');
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(forged)}\n`);
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
    const write = (name: string, ...rows: unknown[]) => {
      const p = join(t.dir, name);
      writeFileSync(
        p,
        rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n',
      );
      return p;
    };
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
