export function bundledHeaders(execPath?: string, version?: string): string | null;
