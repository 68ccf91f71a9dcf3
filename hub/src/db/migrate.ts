import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies numbered `NNN_name.sql` files in order, each in its own transaction,
 * recorded in `schema_migrations`. Forward-only: if what was applied is not a
 * prefix of the files (a file renamed, removed or reordered), the hub refuses to
 * start rather than guess.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  const applied = (await db.all<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
  applied.forEach((name, i) => {
    if (files[i] !== name) {
      throw new Error(`Database migrations do not match this hub: applied ${name} but found ${files[i] ?? 'nothing'} in that place. Refusing to start.`);
    }
  });
  const pending = files.slice(applied.length);
  for (const name of pending) {
    const sql = await readFile(path.join(dir, name), 'utf8');
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(sql)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)', [name, new Date().toISOString()]);
    });
  }
  return pending;
}

/** Migrations hold plain DDL/DML separated by semicolons at line ends (no triggers with inner `;`). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
