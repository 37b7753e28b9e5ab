import { ApiError } from '../../shared/api/errors';
import type { ExportResult } from '../../shared/api/contract';
import { AgreementAccumulator, type AgreementFigures } from '../../shared/export/agreement';
import { datasetCard } from '../../shared/export/card';
import type { Column } from '../../shared/export/columns';
import {
  ExportOptionsSchema,
  OptionsError,
  criteriaOf,
  resolveOptions,
  type Container,
  type ExportOptionsInput,
  type ResolvedOptions,
} from '../../shared/export/options';
import type { Adjudication } from '../../shared/export/decide';
import {
  inScope,
  judgeDecisions,
  planItem,
  planJudgeItem,
  rawRowsOf,
  rowsOf,
  type ItemIn,
  type ItemPlan,
  type PlanContext,
} from '../../shared/export/plan';
import { col, STRING } from '../../shared/export/columns';
import type { JudgmentIn } from '../../shared/export/votes';
import { RAW_COLUMNS } from '../../shared/export/raw';
import { formatSpec } from '../../shared/export/formats';
import { hasToolFields, rowShape, type RowShape } from '../../shared/export/rows';
import { newTally, type Tally } from '../../shared/export/tally';
import { getResponses } from '../items';
import type { Db } from '../open';
import { getGuidelines, getSetting, getTask } from '../settings';
import { containerOf, openDestination, type WrittenFile } from './destination';
import {
  countJudgeVerdicts,
  judgeMayFill,
  judgeVerdictsBySeq,
  planJudgeFill,
  type JudgeFillPlan,
  type JudgeItemVerdicts,
} from './judge-fill';
import { findJudge } from '../judges/store';
import {
  adjudicationOf,
  countCurrentJudgments,
  countRevisions,
  itemAt,
  itemsWithCurrentJudgments,
  itemsWithRevisions,
} from './read-judgments';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number }) => void;
  /** Dataset-folder shards roll over past this many bytes (tests use a small number). */
  shardBytes?: number;
}

/** Progress, cancellation and a turn of the event loop, every this many judgments. */
const TICK = 1000;

/**
 * The export as one configured pass: options resolved against the project, then the
 * pipeline (shared/export) applied item by item as SQLite streams them, rows handed to the
 * destination as they are made. Everything about what a row is lives in shared/; this file
 * only reads, writes and counts.
 */
export interface ExportSetup {
  options: ResolvedOptions;
  shape: RowShape | null;
  columns: Column[];
  ctx: PlanContext;
  /** The judge policy's measurement, once the export has read it (eachItemRows). */
  judgeFill: JudgeFillPlan | null;
}

/** The column the judge policy adds to every row. */
const SOURCE_COLUMN = col(
  'source',
  STRING,
  'whose verdict the row carries: human, or judge:NAME (a judge filling an item no labeller judged)',
);

export function setUpExport(db: Db, input: ExportOptionsInput, container: Container): ExportSetup {
  const task = getTask(db);
  let options: ResolvedOptions;
  try {
    options = resolveOptions(ExportOptionsSchema.parse(input), criteriaOf(task), container);
  } catch (e) {
    if (e instanceof OptionsError) throw new ApiError('INVALID_INPUT', e.message);
    throw e;
  }
  if (options.judgeFill && !findJudge(db, options.judgeFill.judge))
    throw new ApiError(
      'INVALID_INPUT',
      `no judge named ${JSON.stringify(options.judgeFill.judge)} in this project`,
    );
  const levels = task.pairwise.strengthLevels;
  const rows = formatSpec(options.format).rows;
  const shape =
    rows.kind === 'revisions'
      ? null
      : rowShape(
          options.format,
          options.conversational,
          levels,
          options.criterion,
          options.judgeFill !== null,
        );
  return {
    options,
    shape,
    judgeFill: null,
    columns:
      shape && rows.kind !== 'revisions'
        ? [...rows.columns(shape), ...(shape.source ? [SOURCE_COLUMN] : [])]
        : RAW_COLUMNS,
    ctx: {
      options,
      task,
      tally: newTally(),
      agreement: new AgreementAccumulator(levels > 0 && options.criterion === null),
    },
  };
}

/** The container asked for, or the one the destination's name implies. */
export function containerFor(out: string, asked: Container | undefined): Container {
  const implied = containerOf(out);
  if (asked) return asked;
  if (implied) return implied;
  throw new ApiError(
    'INVALID_INPUT',
    `cannot tell the container from ${out}: name a .jsonl, .jsonl.gz or .parquet file, or a folder ending in /`,
  );
}

/**
 * Visit every item the export reads, in order, with the rows it produces. `onRows` may be
 * async (a write); it is awaited only when it returns a promise.
 */
export async function eachItemRows(
  db: Db,
  setup: ExportSetup,
  onRows: (split: 'train' | 'test', rows: Record<string, unknown>[]) => void | Promise<void>,
  run: RunOptions,
  /** Also shown every item with its judgments (the preview plans other policies with it). */
  alsoPlan?: (item: ItemIn, judgments: JudgmentIn[], adjudication: Adjudication | null) => void,
): Promise<void> {
  const { options: o, shape, ctx } = setup;
  const revisions = formatSpec(o.format).rows.kind === 'revisions';
  // The judge policy is measured first, on this snapshot: refused here if it falls short.
  const fill = o.judgeFill ? (setup.judgeFill = planJudgeFill(db, o.judgeFill)) : null;
  const total =
    (revisions ? countRevisions(db) : countCurrentJudgments(db)) +
    (fill ? countJudgeVerdicts(db, fill.judgeId) : 0);
  const parquet = o.container === 'parquet' || o.container === 'folder';
  let done = 0;
  let nextTick = TICK;
  const tick = async () => {
    if (done < nextTick) return;
    nextTick = done + TICK;
    run.onProgress?.({ done, total });
    // Let a cancel (or a judgment on the main connection) in between batches.
    await new Promise((r) => setImmediate(r));
    run.signal?.throwIfAborted();
  };
  run.signal?.throwIfAborted();
  if (revisions) {
    for (const { seq, revisions } of itemsWithRevisions(db)) {
      done += revisions.length;
      const out = rawRowsOf(itemAt(db, seq), revisions, getResponses(db, seq), ctx);
      if (out?.rows.length) {
        const p = onRows(out.split, out.rows);
        if (p) await p;
      }
      await tick();
    }
  } else {
    const write = async (plan: ItemPlan | null, item: ItemIn, seq: number) => {
      if (!plan || !(plan.pairs.length || plan.unpaired.length)) return;
      const rows = rowsOf(plan, item, getResponses(db, seq), shape!, ctx.tally);
      if (parquet && shape!.conversational && hasToolFields(item.prompt))
        ctx.tally.toolFieldsDropped++;
      const p = onRows(plan.split, rows);
      if (p) await p;
    };
    /** An item no labeller gave a verdict in scope: the judge's, where it may fill. */
    const byJudge = (item: ItemIn, j: JudgeItemVerdicts) => {
      if (!judgeMayFill(fill!, item.metadata)) {
        ctx.tally.excluded.judgeNotTrusted++;
        return null;
      }
      return planJudgeItem(item, judgeDecisions(j.verdicts, ctx.tally.excluded), fill!.judge, ctx);
    };
    // People's items and (with the judge policy) the judge's, merged in queue order.
    const judged = fill ? judgeVerdictsBySeq(db, fill.judgeId) : null;
    let j = judged?.next();
    for (const { seq, judgments } of itemsWithCurrentJudgments(db)) {
      for (; j && !j.done && j.value.seq < seq; j = judged!.next()) {
        done += j.value.verdicts.length;
        const item = itemAt(db, j.value.seq);
        await write(byJudge(item, j.value), item, j.value.seq);
        await tick();
      }
      const mine = j && !j.done && j.value.seq === seq ? j.value : null;
      if (mine) j = judged!.next();
      done += judgments.length + (mine?.verdicts.length ?? 0);
      const item = itemAt(db, seq);
      const adjudication =
        o.policy === 'adjudicated' || alsoPlan ? adjudicationOf(db, item.id) : null;
      const plan = planItem(item, judgments, o.policy === 'adjudicated' ? adjudication : null, ctx);
      alsoPlan?.(item, judgments, adjudication);
      const human = judgments.some((x) => x.verdict.kind !== 'skip' && inScope(x, o.filters));
      await write(mine && !human ? byJudge(item, mine) : plan, item, seq);
      await tick();
    }
    for (; j && !j.done; j = judged!.next()) {
      done += j.value.verdicts.length;
      const item = itemAt(db, j.value.seq);
      await write(byJudge(item, j.value), item, j.value.seq);
      await tick();
    }
  }
  run.onProgress?.({ done, total });
}

function projectFacts(db: Db, path: string) {
  return {
    name:
      getSetting<string>(db, 'project.name') ??
      path.replace(/^.*[/\\]/, '').replace(/\.rankwise$/, ''),
    id: getSetting<string>(db, 'project.id') ?? '',
  };
}

/** Warnings a lead should see beside the counts. */
export function warningsOf(o: ResolvedOptions, t: Tally): string[] {
  const w: string[] = [];
  if (t.rows === 0)
    w.push('No rows were produced: check the filters and the policy against the counts.');
  if (o.split && t.rows > 0 && t.rowsBySplit.test === 0)
    w.push('The test split is empty: too few prompts for this ratio (the split is by prompt).');
  if (o.split && t.rows > 0 && t.rowsBySplit.train === 0) w.push('The train split is empty.');
  if (t.toolFieldsDropped)
    w.push(
      `${t.toolFieldsDropped} prompts carried tool-call fields that Parquet messages do not hold; export JSONL to keep them.`,
    );
  return w;
}

export function countsOf(setup: ExportSetup, agreement: AgreementFigures) {
  const { options: o, ctx } = setup;
  const t = ctx.tally;
  return {
    format: o.format,
    container: o.container,
    rows: t.rows,
    splits: t.rowsBySplit,
    items: t.items,
    judgments: t.judgments,
    excluded: t.excluded,
    sources: t.sources,
    labels: t.labels,
    models: t.models,
    agreement,
    options: o,
    warnings: warningsOf(o, t),
    judgeFill: setup.judgeFill ? measuredOf(setup.judgeFill, t) : null,
    ...(setup.judgeFill ? { rowSources: t.rowSources } : {}),
  };
}

/** The judge policy's measurement and what it filled, as the result and the card say them. */
function measuredOf({ judgeId: _id, ...m }: JudgeFillPlan, t: Tally) {
  return { ...m, rows: t.sources.judge, filledItems: t.judgeItems };
}

/**
 * Export the project's judgments to `out` (a file, or a folder ending in `/`). Reads through
 * `db` (give it a read-only connection of its own: a consistent snapshot); a cancel or a
 * failure leaves nothing at `out`.
 */
export async function runExport(
  db: Db,
  projectPath: string,
  out: string,
  input: ExportOptionsInput,
  run: RunOptions = {},
): Promise<ExportResult> {
  const container = containerFor(out, input.container);
  const setup = setUpExport(db, input, container);
  const { options: o, columns, ctx } = setup;
  const project = projectFacts(db, projectPath);
  const createdAt = new Date().toISOString();
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const dest = openDestination(out, {
    container,
    columns,
    split: o.split !== null,
    metadata: { rankwise: JSON.stringify({ project, createdAt, options: o }) },
    shardBytes: run.shardBytes,
  });
  let files: WrittenFile[];
  let agreement: AgreementFigures;
  try {
    await eachItemRows(db, setup, (split, rows) => dest.write(split, rows), run);
    const figures = (agreement = ctx.agreement.figures());
    files = await dest.commit(
      container === 'folder'
        ? (written) =>
            datasetCard({
              project,
              createdAt,
              schemaVersion,
              options: o,
              task: ctx.task,
              guidelines: getGuidelines(db),
              columns,
              files: written,
              tally: ctx.tally,
              agreement: figures,
              judgeFill: setup.judgeFill ? measuredOf(setup.judgeFill, ctx.tally) : null,
            })
        : null,
    );
  } catch (e) {
    dest.abort();
    throw e;
  }
  return {
    ...countsOf(setup, agreement),
    path: container === 'folder' ? dest.path : files[0]!.path,
    files,
  };
}
