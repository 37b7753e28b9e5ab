import { FORMAT_IDS, type FormatId } from '../../../shared/formats/shapes/types';

/** What each shape is called in the wizard (kept beside the UI: the converters need no labels). */
export const FORMAT_LABELS: Record<FormatId, string> = {
  generic: 'Generic (prompt or messages, with 2+ responses)',
  trl: 'TRL preference (prompt / chosen / rejected)',
  hh: 'HH-RLHF transcripts (chosen / rejected)',
  sharegpt: 'ShareGPT (conversations with chosen / rejected)',
  oasst: 'OpenAssistant message trees',
  ultrafeedback: 'UltraFeedback (instruction with rated completions)',
  arena: 'Arena battles (model_a / model_b with a winner)',
  labelstudio: 'Label Studio pairwise tasks',
  columns: 'Columns (a mapping you choose)',
};

export const FORMAT_CHOICES: readonly FormatId[] = FORMAT_IDS;

export const CONTAINER_LABELS = {
  jsonl: 'JSON Lines',
  json: 'JSON array',
  csv: 'CSV',
  parquet: 'Parquet',
} as const;

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} KB`;
  return `${bytes} B`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - 60 * m)} s`;
}
