export function findElectronBinary(): { path: string | null; reason: string };
