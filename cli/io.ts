/** What a command may touch of the outside world: injected so commands run in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** A transient status line (stderr, TTY only). */
  progress(line: string): void;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** The built renderer, for `serve`. */
  rendererDir: string | null;
  /** The bundled analysis worker, for `serve` (absent: analyses run on the main thread). */
  analysisWorker?: string;
  /** The bundled import worker, for `serve` (absent or missing: imports run on the main thread). */
  importWorker?: string;
  /** Environment variables (default: the process's): where `judge` reads its API key. */
  env?: Record<string, string | undefined>;
  /** The bundled check worker, for `serve` (absent or missing: the check runs on the main thread). */
  checkWorker?: string;
  /** The bundled checkpoint worker, for `serve --team` (absent or missing: SQLite checkpoints in the commit). */
  checkpointWorker?: string;
}
