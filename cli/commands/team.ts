import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ApiError } from '../../shared/api/errors';
import { GoldAnswerSchema } from '../../shared/api/methods/team';
import { AssignmentError } from '../../shared/team/assignment-plan';
import { writeAnnotations } from '../../db/handoff/annotations';
import { packageLabeller, writePackage } from '../../db/handoff/package';
import { ensureLabeller, findLabeller, findLabellerByName } from '../../db/labellers';
import { openProject, type Db } from '../../db/open';
import { assign } from '../../db/team/assignments';
import { appendAudit, commandLineActor } from '../../db/team-host/audit';
import { jobOutcome } from '../../db/team-host/audit-calls';
import { setGold } from '../../db/team/gold';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

/** A labeller named on the command line, by name or id. */
function labellerArg(db: Db, arg: string): { id: string; name: string } {
  const l = findLabeller(db, arg) ?? findLabellerByName(db, arg);
  if (!l) throw new Error(`no labeller named or with id ${JSON.stringify(arg)} in this project`);
  return l;
}

export const assignCmd = {
  usage:
    'rankwise assign <project.rankwise> --labellers NAME,NAME,... --overlap K [--repeat-rate R] [--repeat-gap N] [--seed S] [--order items|triage] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        labellers: { type: 'string' },
        overlap: { type: 'string' },
        'repeat-rate': { type: 'string' },
        'repeat-gap': { type: 'string' },
        seed: { type: 'string' },
        order: { type: 'string' },
        json: { type: 'boolean' },
      },
      ['project'],
    );
    if (!values.labellers) throw new UsageError('missing --labellers NAME,NAME,...');
    const order = values.order ?? 'items';
    if (order !== 'items' && order !== 'triage')
      throw new UsageError(`--order expects items or triage, got ${JSON.stringify(order)}`);
    const num = (v: string | undefined, name: string, dflt: number) => {
      const n = v === undefined ? dflt : Number(v);
      if (!Number.isFinite(n)) throw new UsageError(`${name} must be a number, got ${v}`);
      return n;
    };
    await Promise.resolve();
    // Checked before writing (the writable default): nothing goes into a damaged file.
    const project = openProject(resolve(positionals[0]!));
    try {
      // Named labellers are created if new: the id made now is theirs from here on.
      const team = values.labellers
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .map(
          (n) =>
            findLabeller(project.db, n) ??
            findLabellerByName(project.db, n) ??
            ensureLabeller(project.db, { name: n }),
        );
      const summary = assign(project.db, {
        labellers: team.map((l) => l.id),
        overlap: num(values.overlap, '--overlap', 1),
        repeatRate: num(values['repeat-rate'], '--repeat-rate', 0),
        repeatGap: num(values['repeat-gap'], '--repeat-gap', 20),
        seed: num(values.seed, '--seed', 1),
        order,
      });
      const named = summary.labellers.map((l) => ({
        ...l,
        name: team.find((t) => t.id === l.id)!.name,
      }));
      if (values.json) io.out(JSON.stringify({ items: summary.items, labellers: named }));
      else
        for (const l of named)
          io.out(
            `${l.name} (${l.id}): ${l.items} items, ${l.gold} gold, ${l.repeats} swapped repeats`,
          );
      return 0;
    } catch (e) {
      if (e instanceof AssignmentError) throw new UsageError(e.message);
      throw e;
    } finally {
      project.close();
    }
  },
};

export const goldCmd = {
  usage: 'rankwise gold <project.rankwise> <gold.jsonl> [--visible] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parse(
      argv,
      { visible: { type: 'boolean' }, json: { type: 'boolean' } },
      ['project', 'file'],
    );
    const file = positionals[1]!;
    const lines = readFileSync(resolve(file), 'utf8').split('\n');
    await Promise.resolve();
    // Checked before writing (the writable default): nothing goes into a damaged file.
    const project = openProject(resolve(positionals[0]!));
    let count = 0;
    try {
      // All lines or none: a bad line names file, line and reason.
      project.db.transaction(() => {
        lines.forEach((text, i) => {
          if (!text.trim()) return;
          const where = `${basename(file)}:${i + 1}`;
          let rec: Record<string, unknown>;
          try {
            rec = JSON.parse(text) as Record<string, unknown>;
          } catch {
            throw new Error(`${where}: invalid JSON`);
          }
          const itemId = rec['itemId'];
          if (typeof itemId !== 'string') throw new Error(`${where}: itemId: expected a string`);
          const answer = GoldAnswerSchema.safeParse(
            Array.isArray(rec['ranking'])
              ? { kind: 'ranking', tiers: rec['ranking'] }
              : rec['outcome'] === 'tie' || rec['outcome'] === 'both_bad'
                ? {
                    kind: 'pairwise',
                    outcome: rec['outcome'],
                    chosen: rec['chosen'] ?? 0,
                    rejected: rec['rejected'] ?? 1,
                  }
                : {
                    kind: 'pairwise',
                    outcome: 'preferred',
                    chosen: rec['chosen'],
                    rejected: rec['rejected'],
                  },
          );
          if (!answer.success)
            throw new Error(
              `${where}: ${answer.error.issues[0]!.path.join('.') || 'answer'}: ${answer.error.issues[0]!.message} (give chosen and rejected response indices, "outcome": "tie", or "ranking")`,
            );
          try {
            setGold(project.db, itemId, answer.data, {
              hidden: typeof rec['hidden'] === 'boolean' ? rec['hidden'] : !values.visible,
              note: typeof rec['note'] === 'string' ? rec['note'] : null,
            });
          } catch (e) {
            throw new Error(`${where}: ${(e as ApiError).message}`);
          }
          count++;
        });
      })();
    } finally {
      project.close();
    }
    io.out(values.json ? JSON.stringify({ gold: count }) : `${count} gold items set`);
    return 0;
  },
};

export const packageCmd = {
  usage:
    'rankwise package <project.rankwise> --labeller NAME --out <file.rankwise> [--all-items] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        labeller: { type: 'string' },
        out: { type: 'string' },
        'all-items': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      ['project'],
    );
    if (!values.labeller) throw new UsageError('missing --labeller NAME');
    if (!values.out) throw new UsageError('missing --out <file.rankwise>');
    await Promise.resolve();
    const path = resolve(positionals[0]!);
    // Checked (the writable default): a package copied from a damaged file would carry it.
    const project = openProject(path);
    try {
      const who =
        findLabeller(project.db, values.labeller) ??
        findLabellerByName(project.db, values.labeller) ??
        ensureLabeller(project.db, { name: values.labeller });
      const r = writePackage(project.db, path, who.id, resolve(values.out), {
        items: values['all-items'] ? 'all' : 'assigned',
      });
      // The team's dashboard lists packages sent out (and the audit log, who made them).
      appendAudit(project.db, commandLineActor(), 'package', who.name, {
        status: 'succeeded',
        ...jobOutcome('package', r),
      });
      io.out(
        values.json
          ? JSON.stringify(r)
          : `wrote ${r.path} for ${who.name}: ${r.items} items, ${r.gold} visible gold, ${r.repeats} swapped repeats, ${r.judgments} earlier judgments`,
      );
      return 0;
    } finally {
      project.close();
    }
  },
};

export const annotationsCmd = {
  usage: 'rankwise annotations <project.rankwise> --out <file.jsonl> [--labeller NAME] [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parse(
      argv,
      { labeller: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
      ['project'],
    );
    if (!values.out) throw new UsageError('missing --out <file.jsonl>');
    // Checked first, like `export`: the file written must not come silently from a damaged one.
    const project = openProject(resolve(positionals[0]!), { readonly: true, quickCheck: true });
    try {
      const who = values.labeller
        ? labellerArg(project.db, values.labeller)
        : packageLabeller(project.db);
      if (!who)
        throw new UsageError('missing --labeller NAME (this project is not a labeller package)');
      const r = await writeAnnotations(project.db, who.id, resolve(values.out), io.signal);
      io.out(
        values.json
          ? JSON.stringify(r)
          : `wrote ${r.revisions} judgment revisions${r.repeatAnswers ? ` and ${r.repeatAnswers} repeat answers` : ''} by ${r.labeller.name} to ${r.path}`,
      );
      return 0;
    } finally {
      project.close();
    }
  },
};
