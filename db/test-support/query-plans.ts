import type { Db } from '../open';

/**
 * Record the SQL a connection prepares (every statement our code runs goes through
 * `prepare`, once per connection thanks to the statement cache), to look at its plans.
 */
export function recordStatements(db: Db): { sql: string[]; stop(): void } {
  const sql: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = (source: string) => {
    sql.push(source);
    return prepare(source);
  };
  return {
    sql,
    stop: () => {
      db.prepare = prepare;
    },
  };
}

/** `EXPLAIN QUERY PLAN` of a statement, every parameter bound to NULL. */
export function queryPlan(db: Db, sql: string): string[] {
  const named = [...new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
  const positional = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length;
  const s = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const args: unknown[] = Array.from({ length: positional }, () => null);
  if (named.length) args.push(Object.fromEntries(named.map((n) => [n, null])));
  return (s.all(...args) as { detail: string }[]).map((r) => r.detail);
}

/**
 * The steps of a plan that read a table whole (a `SCAN` of it or of one of its indices), or
 * all of one labeller's rows of it (a `SEARCH` constrained by nothing but the labeller: for a
 * labeller who judged most of the project, that is most of it). `tables` maps the names a
 * plan uses (tables and their aliases) to the tables that grow with the project.
 */
export function fullScans(plan: readonly string[], tables: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const step of plan) {
    const m = /^(SCAN|SEARCH) (\S+)/.exec(step);
    if (!m) continue;
    const table = tables.get(m[2]!);
    if (!table) continue;
    if (m[1] === 'SCAN' || /\(labeller_id=\?\)$/.test(step)) out.push(`${table} (${step})`);
  }
  return out;
}
