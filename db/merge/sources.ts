import Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AnnotationFileReader } from '../../shared/formats/annotation-file';
import { type AnnotationLine } from '../../shared/formats/annotations';
import { readLines } from '../import/lines';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { openProject } from '../open';
import type { JudgmentRow } from '../judgments';
import { getSetting } from '../settings';
import { MergeRefused, ProblemList } from './refusal';

/** A revision as read from a source, with where it came from (line 0: a project file). */
export type IncomingRevision = AnnotationLine & { line: number };

/** Everything one source file offers a merge, read and checked for shape before any write. */
export interface IncomingSet {
  file: string;
  kind: 'annotations' | 'project';
  projectId: string | null;
  labellers: Map<string, string>;
  revisions: IncomingRevision[];
  /** Repeat schedules known to the source (project files), by id. */
  repeats: Map<string, { labellerId: string; itemId: string; afterItemId: string | null }>;
  /** Item content hashes the source knows, so judgments of other content are refused. */
  itemHashes: Map<string, { hash: string; line: number }>;
  /**
   * What is wrong with the file's lines (bad JSON, wrong labeller, a damaged end…): the merge
   * adds its own checks to these and refuses the file if there are any, naming them all.
   */
  problems: ProblemList;
  /** Things that do not stop the merge but may mean something is missing (no end line). */
  warnings: string[];
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function isProjectFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(16);
    return readSync(fd, b, 0, 16, 0) === 16 && b.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a source (annotation file or project file). A file that cannot be read at all, is not
 * ours or is from a newer Rankwise is refused here; problems of single lines are collected in
 * `problems`, so the refusal can name every one.
 */
export async function readSource(path: string, signal?: AbortSignal): Promise<IncomingSet> {
  const file = basename(path);
  let project: boolean;
  try {
    project = isProjectFile(path);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new MergeRefused(file, [
      { line: null, reason: missing ? 'no such file' : `cannot read it: ${(e as Error).message}` },
    ]);
  }
  return project ? readProjectSource(path, file) : readAnnotationSource(path, file, signal);
}

async function readAnnotationSource(
  path: string,
  file: string,
  signal?: AbortSignal,
): Promise<IncomingSet> {
  const set = emptySet(file, 'annotations');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const reader = new AnnotationFileReader((p) => set.problems.add(p));
  for await (const line of readLines(path, signal)) {
    let text: string | null = null;
    try {
      text = utf8.decode(line.bytes);
    } catch {
      reader.undecodable(line.no);
    }
    const rev = text === null ? null : reader.line(line.no, text);
    if (reader.fatal) break;
    if (rev === null) continue;
    if (rev.itemHash && !set.itemHashes.has(rev.itemId))
      set.itemHashes.set(rev.itemId, { hash: rev.itemHash, line: line.no });
    set.revisions.push({ ...rev, line: line.no });
  }
  reader.finish();
  if (reader.fatal)
    throw new MergeRefused(
      file,
      [reader.fatal.problem],
      reader.fatal.why === 'newer' ? 'newer' : 'format',
    );
  if (reader.header) {
    set.projectId = reader.header.project.id;
    set.labellers.set(reader.header.labeller.id, reader.header.labeller.name);
  }
  set.warnings.push(...reader.warnings);
  return set;
}

function emptySet(file: string, kind: IncomingSet['kind']): IncomingSet {
  return {
    file,
    kind,
    projectId: null,
    labellers: new Map(),
    revisions: [],
    repeats: new Map(),
    itemHashes: new Map(),
    problems: new ProblemList(),
    warnings: [],
  };
}

/** A stored revision (judgments, or repeat_judgments joined to its repeat) as merges read it. */
type RawRevision = Omit<JudgmentRow, 'revision'> & {
  revision: number | null;
  repeat_id: string | null;
};

/**
 * A whole project file (a labeller's copy, or a package they worked in). Read through a
 * read-only connection; a file at an older schema is upgraded in a temporary copy, never in
 * place, and one from a newer Rankwise is refused unchanged.
 */
function readProjectSource(path: string, file: string): IncomingSet {
  let version: number;
  try {
    const probe = new Database(path, { readonly: true, fileMustExist: true });
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  } catch (e) {
    throw new MergeRefused(file, [
      { line: null, reason: `not a readable project: ${(e as Error).message}` },
    ]);
  }
  if (version > LATEST_SCHEMA_VERSION)
    throw new MergeRefused(
      file,
      [
        {
          line: null,
          reason: `written by a newer Rankwise (project schema v${version}; this version reads up to v${LATEST_SCHEMA_VERSION}). Update Rankwise to merge it.`,
        },
      ],
      'newer',
    );
  let scratch: string | null = null;
  let source = path;
  if (version < LATEST_SCHEMA_VERSION) {
    scratch = mkdtempSync(join(tmpdir(), 'rankwise-merge-'));
    source = join(scratch, 'upgraded.rankwise');
    const src = new Database(path, { readonly: true, fileMustExist: true });
    try {
      src.prepare('VACUUM INTO ?').run(source);
    } finally {
      src.close();
    }
  }
  try {
    // A returned file is checked before it is read (quick_check; a labeller's file is small):
    // a damaged one is refused by name, not merged in part.
    const project =
      scratch === null
        ? openProject(source, { readonly: true, quickCheck: true })
        : openProject(source);
    try {
      return readProjectTables(project.db, file);
    } finally {
      project.close();
    }
  } catch (e) {
    if (e instanceof MergeRefused) throw e;
    throw new MergeRefused(file, [{ line: null, reason: (e as Error).message }]);
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function readProjectTables(db: Database.Database, file: string): IncomingSet {
  const set = emptySet(file, 'project');
  set.projectId = getSetting<string>(db, 'project.id') ?? null;
  for (const l of db.prepare('SELECT id, name FROM labellers').all() as Array<{
    id: string;
    name: string;
  }>)
    set.labellers.set(l.id, l.name);
  for (const r of db
    .prepare('SELECT id, labeller_id, item_id, after_item_id FROM repeats')
    .all() as Array<{
    id: string;
    labeller_id: string;
    item_id: string;
    after_item_id: string | null;
  }>)
    set.repeats.set(r.id, {
      labellerId: r.labeller_id,
      itemId: r.item_id,
      afterItemId: r.after_item_id,
    });
  // Only items that carry judgments matter to a merge.
  for (const h of db
    .prepare(
      `SELECT DISTINCT i.id, i.content_hash FROM items i
        WHERE i.id IN (SELECT item_id FROM judgments UNION SELECT item_id FROM repeats)`,
    )
    .all() as Array<{ id: string; content_hash: string }>)
    set.itemHashes.set(h.id, { hash: h.content_hash, line: 0 });
  const rows = db
    .prepare(
      `SELECT id, item_id, labeller_id, revision, supersedes, NULL AS repeat_id, kind, outcome, chosen_idx,
              rejected_idx, strength, criteria_json, payload_json, flags_json, rationale, displayed_order_json,
              time_ms, guideline_version, task_version, created_at, suggestion_json
         FROM judgments
       UNION ALL
       SELECT rj.id, r.item_id, r.labeller_id, NULL, NULL, rj.repeat_id, rj.kind, rj.outcome, rj.chosen_idx,
              rj.rejected_idx, rj.strength, rj.criteria_json, rj.payload_json, rj.flags_json, rj.rationale,
              rj.displayed_order_json, rj.time_ms, rj.guideline_version, rj.task_version, rj.created_at,
              rj.suggestion_json
         FROM repeat_judgments rj JOIN repeats r ON r.id = rj.repeat_id`,
    )
    .iterate() as IterableIterator<RawRevision>;
  for (const r of rows) set.revisions.push(fromRow(r));
  return set;
}

/** A stored row (judgments or repeat_judgments) in the annotation line's shape. */
export function fromRow(r: RawRevision): IncomingRevision {
  return {
    line: 0,
    id: r.id,
    itemId: r.item_id,
    labellerId: r.labeller_id,
    revision: r.revision,
    supersedes: r.supersedes,
    repeatId: r.repeat_id,
    kind: r.kind,
    outcome: r.outcome,
    chosenIdx: r.chosen_idx,
    rejectedIdx: r.rejected_idx,
    strength: r.strength,
    criteria: r.criteria_json ? (JSON.parse(r.criteria_json) as AnnotationLine['criteria']) : null,
    payload: r.payload_json ? (JSON.parse(r.payload_json) as Record<string, unknown>) : null,
    flags: r.flags_json ? (JSON.parse(r.flags_json) as string[]) : [],
    rationale: r.rationale,
    displayedOrder: JSON.parse(r.displayed_order_json) as number[],
    timeMs: r.time_ms,
    guidelineVersion: r.guideline_version,
    taskVersion: r.task_version,
    createdAt: r.created_at,
    suggestion: r.suggestion_json
      ? (JSON.parse(r.suggestion_json) as AnnotationLine['suggestion'])
      : null,
  };
}

export type { RawRevision };
