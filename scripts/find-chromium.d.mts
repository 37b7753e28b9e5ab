export type ChromiumSource = 'env' | 'system' | 'playwright' | 'registry';
export const CHROMIUM_SOURCES: readonly ChromiumSource[];
export const CHROMIUM_ARGS: string[];
export function systemCandidates(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv): string[];
export function registryChromium(
  platform?: NodeJS.Platform,
  arch?: string,
): { path: string } | { reason: string };
export interface FindChromiumOptions {
  only?: ChromiumSource;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
  playwright?: () => string | null;
  registry?: () => { path: string } | { reason: string };
}
export function findChromium(options?: FindChromiumOptions): {
  path: string;
  source: ChromiumSource;
};
export function chromiumLaunchOptions(options?: FindChromiumOptions): {
  executablePath: string;
  args: string[];
};
