import type { AnalysisInput } from '../../shared/analysis/input';
import type { Db } from '../open';
import { loadAnalysisInput } from './load';

/**
 * The last analysis input loaded, kept for the next task while the project's judgments have
 * not changed (the backend counts changes as a generation: judgments, merges, reviews, gold).
 * Agreement and leaderboard share one load: the second of them starts computing at once.
 */
export class InputCache {
  private held: { generation: number; input: AnalysisInput } | null = null;

  /** The input for `generation`, loaded now or kept from before; and how long loading took. */
  get(db: Db, generation: number): { input: AnalysisInput; loadMs: number; reused: boolean } {
    if (this.held?.generation === generation)
      return { input: this.held.input, loadMs: 0, reused: true };
    this.held = null; // let the old one go before building the new
    const t0 = performance.now();
    const input = loadAnalysisInput(db);
    this.held = { generation, input };
    return { input, loadMs: performance.now() - t0, reused: false };
  }

  clear(): void {
    this.held = null;
  }
}
