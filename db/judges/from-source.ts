import { SOURCE_VERDICTS_KEY, type SourceVerdict } from '../../shared/formats/source-verdict';
import { sourcePairVerdicts } from '../../shared/judges/from-source';
import type { Db } from '../open';
import { stmt } from '../statements';
import { ApiError } from '../../shared/api/errors';
import { ensureJudge, findJudge, getVerdict, insertVerdict, touchJudge } from './store';

export interface FromSourceSummary {
  /** Items whose metadata carries source verdicts. */
  items: number;
  judges: Array<{ name: string; created: boolean; added: number; alreadyPresent: number }>;
  /** Pairs on which one source's verdicts had no strict majority (no verdict taken). */
  undecided: number;
}

/**
 * Turn the verdicts a dataset brought with it (`metadata.source_verdicts`) into judges of
 * kind `dataset`, one per source (shared/judges/from-source.ts), in one transaction. Running it
 * again adds only what is new (items imported since); a verdict the judge already holds is left
 * as it is.
 */
export function judgesFromSource(db: Db, now = Date.now()): FromSourceSummary {
  return db
    .transaction(() => {
      const byJudge = new Map<
        string,
        { id: number; created: boolean; added: number; alreadyPresent: number }
      >();
      let items = 0;
      let undecided = 0;
      const rows = stmt<[string], { seq: number; n: number; verdicts: string }>(
        db,
        `SELECT i.seq, (SELECT count(*) FROM responses r WHERE r.item_seq = i.seq) AS n,
                json_extract(i.metadata_json, '$.' || ?) AS verdicts
           FROM items i WHERE i.metadata_json IS NOT NULL AND verdicts IS NOT NULL
          ORDER BY i.seq`,
      ).all(SOURCE_VERDICTS_KEY);
      for (const row of rows) {
        let list: unknown;
        try {
          list = JSON.parse(row.verdicts);
        } catch {
          continue;
        }
        if (!Array.isArray(list)) continue;
        items++;
        const out = sourcePairVerdicts(list as SourceVerdict[], row.n);
        undecided += out.undecided;
        for (const v of out.verdicts) {
          let j = byJudge.get(v.judge);
          if (!j) {
            const existed = stmt<[string], { id: number }>(
              db,
              'SELECT id FROM judges WHERE name = ?',
            ).get(v.judge);
            if (existed && findJudge(db, v.judge)!.kind !== 'dataset')
              throw new ApiError(
                'CONFLICT',
                `a judge named ${JSON.stringify(v.judge)} is in the project and is not the dataset's verdicts; rename it before running from-source`,
              );
            const judge = ensureJudge(
              db,
              { name: v.judge, kind: 'dataset', model: null, templateVersion: null },
              now,
            );
            byJudge.set(
              v.judge,
              (j = { id: judge.id, created: !existed, added: 0, alreadyPresent: 0 }),
            );
          }
          const verdict = {
            lo: v.lo,
            hi: v.hi,
            shownFirst: null,
            outcome: v.outcome,
            winner: v.winner,
            scores: null,
            rationale: null,
            rawReply: null,
            promptTokens: null,
            completionTokens: null,
            templateVersion: null,
            createdAt: now,
          };
          if (getVerdict(db, j.id, row.seq, v.lo, v.hi, null)) j.alreadyPresent++;
          else if (insertVerdict(db, j.id, row.seq, verdict)) j.added++;
        }
      }
      for (const j of byJudge.values()) if (j.added) touchJudge(db, j.id, now);
      return {
        items,
        undecided,
        judges: [...byJudge].map(([name, j]) => ({
          name,
          created: j.created,
          added: j.added,
          alreadyPresent: j.alreadyPresent,
        })),
      };
    })
    .immediate();
}
