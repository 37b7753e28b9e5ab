export const TARGETS: Record<'linux' | 'mac' | 'win', string[]>;
export interface Missing {
  what: string;
  from: string;
  cache: string | null;
}
export function electronCacheDir(
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
  home?: string,
): string;
export function builderCacheDir(
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
  home?: string,
): string;
export function missingForPackaging(options: {
  platform: 'linux' | 'mac' | 'win';
  arch?: string;
  version: string;
  electronDist?: string;
  env?: NodeJS.ProcessEnv;
  host?: NodeJS.Platform;
  home?: string;
}): Missing[];
export function describeMissing(missing: Missing[], platform: string): string;
