import { FORMAT_IDS, type FormatId } from '../../../shared/formats/shapes/types';

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
