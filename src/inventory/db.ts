/**
 * The inventory's SQLite database: opening it with the settings it relies on, and bringing its
 * schema up to date. Pending migrations run in one transaction together with the rows that
 * record them, so a database is always at exactly one schema version.
 */
import Database from 'better-sqlite3';

export type InventoryDb = Database.Database;

export class InventoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryError';
  }
}

interface Migration {
  version: number;
  sql: string;
}

/** Append only: a released migration is never edited, a change is a new version. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
        roots TEXT NOT NULL,               -- JSON: the paths as given
        real_roots TEXT NOT NULL,          -- JSON: their absolute real paths (the scope of "gone")
        options TEXT NOT NULL,             -- JSON: options of the run, nothing secret
        fingerprint TEXT NOT NULL,         -- of the options that change results (fingerprint.ts)
        tool_version TEXT NOT NULL,
        pid INTEGER NOT NULL,              -- tells a crashed run from one still going
        files INTEGER NOT NULL DEFAULT 0,
        scanned INTEGER NOT NULL DEFAULT 0,
        reused INTEGER NOT NULL DEFAULT 0,
        with_personal_data INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        gone INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        real_path TEXT NOT NULL UNIQUE,
        display_path TEXT NOT NULL,
        size INTEGER,                      -- from the walk's stat, compared on the next run
        mtime_ms REAL,
        sha256 TEXT,
        format TEXT,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'skipped')),
        error TEXT,
        categories TEXT NOT NULL,          -- JSON array
        risk TEXT NOT NULL,
        personal_data INTEGER NOT NULL,    -- findings that are personal data
        findings INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,               -- what diff compares (file-state.ts), as last scanned
        report TEXT NOT NULL,              -- FileReport JSON, values masked unless scanned with --reveal
        first_run INTEGER NOT NULL REFERENCES runs (id),
        seen_run INTEGER NOT NULL REFERENCES runs (id),
        scanned_run INTEGER NOT NULL REFERENCES runs (id),
        gone_run INTEGER REFERENCES runs (id)
      );
      CREATE INDEX files_risk ON files (risk, status) WHERE gone_run IS NULL;
      -- One row per file and run where the file's state changed (or it appeared or went).
      CREATE TABLE file_history (
        file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        PRIMARY KEY (file_id, run_id)
      ) WITHOUT ROWID;
      CREATE INDEX file_history_run ON file_history (run_id);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface OpenOptions {
  /** Fail when the file does not exist (report, diff) instead of creating it (scan). */
  mustExist?: boolean;
}

export function openInventoryDb(file: string, options: OpenOptions = {}): InventoryDb {
  let db: InventoryDb;
  try {
    db = new Database(file, { fileMustExist: options.mustExist ?? false, timeout: 10_000 });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InventoryError(`cannot open the inventory ${file}: ${why}`);
  }
  try {
    // WAL: readers (report, diff, a progress poll) never block the scan that writes, and a
    // killed writer leaves the committed transactions intact. NORMAL instead of FULL: in WAL mode
    // it still never corrupts the database; only a power cut can lose the last commits, which
    // the next scan simply redoes — an fsync per batch would buy nothing an inventory needs.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof InventoryError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new InventoryError(`${file} is not a pdnscan inventory (${why})`);
  }
}

export function schemaVersionOf(db: InventoryDb): number {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).get();
  if (!table) return 0;
  const row = db.prepare<{ v: number | null }>('SELECT max(version) AS v FROM schema_version').get();
  return row?.v ?? 0;
}

function migrate(db: InventoryDb): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  // IMMEDIATE: the write lock is taken before the version is read, so two scans that open a new
  // inventory at once cannot both apply the same migration.
  db.transaction(() => {
    const current = schemaVersionOf(db);
    if (current > SCHEMA_VERSION) {
      throw new InventoryError(`the inventory has schema version ${current}, newer than this pdnscan knows (${SCHEMA_VERSION}): upgrade pdnscan`);
    }
    if (current === 0) {
      const foreign = db
        .prepare<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version' AND name NOT LIKE 'sqlite_%'`)
        .get();
      if (foreign) throw new InventoryError(`the database holds other tables (${foreign.name}): not a pdnscan inventory`);
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, new Date().toISOString());
    }
  }).immediate();
}
