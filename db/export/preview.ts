import { aggregates } from '../../shared/export/formats';
import type { ExportPreview } from '../../shared/api/contract';
import { NO_AGREEMENT } from '../../shared/export/agreement';
import { typeName } from '../../shared/export/columns';
import { PolicySchema, type Container, type ExportOptionsInput } from '../../shared/export/options';
import { planItem, type PlanContext } from '../../shared/export/plan';
import { newTally } from '../../shared/export/tally';
import { listLabellers } from '../labellers';
import type { Db } from '../open';
import { countsOf, eachItemRows, setUpExport, type RunOptions } from './run-export';

/**
 * What an export would write, without writing: the first rows exactly as they would be
 * written, the counts, and — so a lead can choose — how many rows every aggregation policy
 * gives with the other options unchanged. One pass over the judgments.
 */
export async function previewExport(
  db: Db,
  input: ExportOptionsInput,
  container: Container,
  limit: number,
  run: RunOptions = {},
): Promise<ExportPreview> {
  const setup = setUpExport(db, input, container);
  const { options: o, columns } = setup;
  // The other policies are planned beside the chosen one; their rows are only counted.
  const others: Array<{ policy: (typeof PolicySchema.options)[number]; ctx: PlanContext }> =
    !aggregates(o.format)
      ? []
      : PolicySchema.options
          .filter((p) => p !== o.policy)
          .map((policy) => ({
            policy,
            ctx: {
              ...setup.ctx,
              options: { ...o, policy },
              tally: newTally(),
              agreement: NO_AGREEMENT,
            },
          }));
  const sample: Array<Record<string, unknown>> = [];
  await eachItemRows(
    db,
    setup,
    (_split, produced) => {
      // JSON values, as the file will hold them (dates as ISO strings).
      for (const r of produced)
        if (sample.length < limit)
          sample.push(JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
    },
    run,
    others.length
      ? (item, judgments, adjudication) => {
          for (const { policy, ctx } of others) {
            const plan = planItem(
              item,
              judgments,
              policy === 'adjudicated' ? adjudication : null,
              ctx,
            );
            if (plan) ctx.tally.rows += plan.pairs.length + plan.unpaired.length;
          }
        }
      : undefined,
  );
  const counts = countsOf(setup, setup.ctx.agreement.figures());
  const policies = [
    { policy: o.policy, rows: counts.rows, excluded: counts.excluded },
    ...others.map(({ policy, ctx }) => ({
      policy,
      // A judge's rows (the judge policy) do not depend on how people's votes are aggregated.
      rows: ctx.tally.rows + setup.ctx.tally.sources.judge,
      excluded: ctx.tally.excluded,
    })),
  ].sort((a, b) => PolicySchema.options.indexOf(a.policy) - PolicySchema.options.indexOf(b.policy));
  return {
    ...counts,
    columns: columns.map((c) => ({
      name: c.name,
      type: typeName(c.type),
      description: c.description,
    })),
    sample,
    labellers: listLabellers(db),
    policies,
  };
}
