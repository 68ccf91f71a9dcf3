import { mkdtemp, rm, writeFile, mkdir, copyFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../hub/src/db/database.js';
import { migrate, MIGRATIONS_DIR } from '../../hub/src/db/migrate.js';

describe('the SQLite database', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-db-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('migrates a fresh file in WAL mode and records each migration once', async () => {
    const db = await Database.open(path.join(await tempDir(), 'a.sqlite'));
    const applied = await migrate(db);
    expect(applied[0]).toBe('001_foundation.sql');
    expect(await migrate(db)).toEqual([]);
    expect(await db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    const tiers = await db.all<{ code: string }>('SELECT code FROM tiers ORDER BY rank');
    expect(tiers.map((t) => t.code)).toEqual(['member', 'silver', 'gold', 'platinum']);
    await db.close();
  });

  it('refuses to start when the applied migrations are not a prefix of the files', async () => {
    const dir = await tempDir();
    const db = await Database.open(path.join(dir, 'b.sqlite'));
    await migrate(db);
    const renamed = path.join(dir, 'migrations');
    await mkdir(renamed);
    for (const f of await readdir(MIGRATIONS_DIR)) await copyFile(path.join(MIGRATIONS_DIR, f), path.join(renamed, f.replace('001_foundation', '001_renamed')));
    await expect(migrate(db, renamed)).rejects.toThrow(/Refusing to start/);
    await db.close();
  });

  it('a failed transaction leaves nothing behind, and the next one still works', async () => {
    const db = await Database.open(path.join(await tempDir(), 'c.sqlite'));
    await db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
    await expect(
      db.transaction(async (sql) => {
        await sql.run('INSERT INTO t VALUES (1)');
        await sql.run('INSERT INTO t VALUES (2)');
        await sql.run('INSERT INTO t VALUES (1)'); // violates UNIQUE
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.all('SELECT * FROM t')).toEqual([]);
    await db.transaction((sql) => sql.run('INSERT INTO t VALUES (3)'));
    expect(await db.all('SELECT * FROM t')).toEqual([{ v: 3 }]);
    await db.close();
  });

  it('concurrent transactions on one connection do not interleave', async () => {
    const db = await Database.open(path.join(await tempDir(), 'd.sqlite'));
    await db.exec('CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0);');
    // Each transaction reads then writes; interleaving would lose increments.
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction(async (sql) => {
          const row = await sql.get<{ n: number }>('SELECT n FROM counter');
          await new Promise((r) => setImmediate(r));
          await sql.run('UPDATE counter SET n = ?', [row!.n + 1]);
        }),
      ),
    );
    expect(await db.get('SELECT n FROM counter')).toEqual({ n: 50 });
    await db.close();
  });

  it('an unreadable migration file aborts without recording it', async () => {
    const dir = await tempDir();
    const migrations = path.join(dir, 'migrations');
    await mkdir(migrations);
    await writeFile(path.join(migrations, '001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    await writeFile(path.join(migrations, '002_bad.sql'), 'CREATE TABLE b (x INTEGER);\nTHIS IS NOT SQL;');
    const db = await Database.open(path.join(dir, 'e.sqlite'));
    await expect(migrate(db, migrations)).rejects.toThrow();
    expect(await db.all('SELECT name FROM schema_migrations')).toEqual([{ name: '001_ok.sql' }]);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'b'")).toBeUndefined();
    await db.close();
  });
});
