import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 860 };
export const MIN_SIZE = { width: 720, height: 480 };

/**
 * Where to put the window: where it was, if that still fits on a connected display (a
 * laptop leaves its external monitor behind); otherwise the default size, centred by the OS.
 */
export function restoreBounds(
  saved: unknown,
  workAreas: readonly Rect[],
): { bounds: Partial<Rect>; maximized: boolean } {
  const s = parse(saved);
  if (!s) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const width = Math.max(MIN_SIZE.width, s.bounds.width);
  const height = Math.max(MIN_SIZE.height, s.bounds.height);
  const area = workAreas.find(
    (a) => overlap({ ...s.bounds, width, height }, a) >= 0.5 * width * height,
  );
  if (!area)
    return {
      bounds: { width: Math.min(width, 1600), height: Math.min(height, 1200) },
      maximized: s.maximized,
    };
  // Keep it inside the display it is mostly on.
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  const x = Math.min(Math.max(s.bounds.x, area.x), area.x + area.width - w);
  const y = Math.min(Math.max(s.bounds.y, area.y), area.y + area.height - h);
  return { bounds: { x, y, width: w, height: h }, maximized: s.maximized };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function parse(v: unknown): WindowState | null {
  const s = v as Partial<WindowState> | null;
  const b = s?.bounds;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  if (!b || ![b.x, b.y, b.width, b.height].every(finite) || b.width <= 0 || b.height <= 0)
    return null;
  return { bounds: b, maximized: s.maximized === true };
}

/** The state file in the user's data folder. Unreadable or invalid means "no saved state". */
export function windowStateStore(file: string) {
  return {
    read(): unknown {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    write(state: WindowState): void {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    },
  };
}
