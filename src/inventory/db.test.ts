import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempInventory, type TempInventory } from '../testing/inventory-fixtures.js';
import { InventoryError, openInventoryDb, SCHEMA_VERSION, schemaVersionOf } from './db.js';

let inv: TempInventory;
afterEach(() => inv.cleanup());

describe('openInventoryDb', () => {
  it('creates the schema at the latest version, in WAL mode with NORMAL sync and foreign keys on', () => {
    inv = tempInventory();
    expect(schemaVersionOf(inv.db)).toBe(SCHEMA_VERSION);
    expect(inv.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(inv.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(inv.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = inv.db.prepare<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all().map((r) => r.name);
    expect(tables).toEqual(['file_history', 'files', 'runs', 'schema_version']);
  });

  it('applies each migration once however often the file is opened', () => {
    inv = tempInventory();
    inv.db.close();
    openInventoryDb(inv.file).close();
    const again = openInventoryDb(inv.file, { mustExist: true });
    expect(again.prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual({ n: SCHEMA_VERSION });
    again.close();
  });

  it('enforces foreign keys: history cannot name a run that does not exist', () => {
    inv = tempInventory();
    expect(() => inv.db.prepare(`INSERT INTO file_history (file_id, run_id, state) VALUES (1, 42, '{}')`).run()).toThrow(/FOREIGN KEY/);
  });

  it('refuses an inventory written by a newer schema', () => {
    inv = tempInventory();
    inv.db.prepare(`INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')`).run(SCHEMA_VERSION + 1);
    inv.db.close();
    expect(() => openInventoryDb(inv.file)).toThrow(/newer than this pdnscan knows/);
  });

  it('refuses a database of something else and a file that is not SQLite', () => {
    inv = tempInventory();
    const other = path.join(inv.dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE customers (name TEXT)');
    foreign.close();
    expect(() => openInventoryDb(other)).toThrow(/not a pdnscan inventory/);
    const text = path.join(inv.dir, 'notes.txt');
    writeFileSync(text, 'this is not a database, just some text that is long enough to have a header\n'.repeat(20));
    expect(() => openInventoryDb(text)).toThrow(InventoryError);
  });

  it('fails with the reason when the file must exist and does not', () => {
    inv = tempInventory();
    expect(() => openInventoryDb(path.join(inv.dir, 'missing.sqlite'), { mustExist: true })).toThrow(InventoryError);
  });
});
