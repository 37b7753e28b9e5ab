import Database from 'better-sqlite3';

/**
 * The real better-sqlite3 `Database`, subclassed to keep every connection it makes: for
 * tests that load a bundle keeping better-sqlite3 external (the Electron main process) and
 * check which files it leaves open.
 */
export function recordingDatabase(): {
  /** Stands in for the module: construct with `new`, as our code does. */
  Database: new (...args: ConstructorParameters<typeof Database>) => Database.Database;
  connections: Database.Database[];
} {
  const connections: Database.Database[] = [];
  class Recorded extends Database {
    constructor(...args: ConstructorParameters<typeof Database>) {
      super(...args);
      connections.push(this);
    }
  }
  return { Database: Recorded, connections };
}
