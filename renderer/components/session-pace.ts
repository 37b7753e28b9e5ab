import type { SessionSummary } from '../../shared/api/contract';

/**
 * A pace is only shown once it says something about the labeller rather than about the first
 * few clicks: with one or two items the median is one item's time, and a minute's rate
 * extrapolated from a few seconds reads as thousands per hour. Three judged items and half a
 * minute of active time is where a median and an hourly rate start to mean something while a
 * session is still young (a labeller reaches it within the first few minutes).
 */
export const PACE_MIN_ITEMS = 3;
export const PACE_MIN_ACTIVE_MS = 30_000;

export interface Pace {
  /** Median active time per judged item: "12 s/item" ("under 1 s/item", never "0 s/item"). */
  perItem: string;
  /** Judgments per hour of active time. */
  perHour: number;
}

/** Seconds per item and items per hour for this session, or null until they mean something. */
export function paceOf(summary: SessionSummary): Pace | null {
  if (summary.judged < PACE_MIN_ITEMS || summary.activeMs < PACE_MIN_ACTIVE_MS) return null;
  if (summary.medianMs === null) return null;
  return {
    perItem:
      summary.medianMs < 500 ? 'under 1 s/item' : `${Math.round(summary.medianMs / 1000)} s/item`,
    perHour: Math.round((summary.judged * 3_600_000) / summary.activeMs),
  };
}
