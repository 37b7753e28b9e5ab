import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The user_version this migration brings the file to. */
  version: number;
  name: string;
  /** Runs inside the migration transaction; must not change pragmas that need autocommit. */
  up(db: Database): void;
}
