import Module, { createRequire } from 'node:module';
import { createFakeElectron, type Recording } from './fake-electron';

const require = createRequire(import.meta.url);

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Loader };

/**
 * Load a main bundle with `electron` replaced by a recording stand-in, run it until it has
 * made its window, and return what it asked of Electron. `modules` stands in for other
 * modules the bundle keeps external (better-sqlite3, to watch its connections).
 */
export async function loadShell(
  bundle: string,
  userData: string,
  modules: Record<string, unknown> = {},
): Promise<Recording> {
  const { electron, rec } = createFakeElectron(userData);
  const stand: Record<string, unknown> = { ...modules, electron };
  const original = mod._load;
  mod._load = function (request, parent, isMain) {
    if (Object.hasOwn(stand, request)) return stand[request];
    return original.call(this, request, parent, isMain);
  };
  try {
    // Each load runs the bundle afresh, with its own stand-ins.
    delete require.cache[require.resolve(bundle)];
    require(bundle);
  } finally {
    mod._load = original;
  }
  await rec.firstWindow;
  return rec;
}
