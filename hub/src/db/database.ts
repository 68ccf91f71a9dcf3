import sqlite3 from 'sqlite3';

export type SqlValue = string | number | bigint | null | Buffer;
export type Params = SqlValue[] | Record<string, SqlValue>;

/** The statements a repository may run: a `Database` or the transaction inside it. */
export interface Sql {
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<{ changes: number; lastID: number }>;
}

/**
 * A small promise wrapper over one `sqlite3` connection.
 *
 * Hazard: a single connection shares one transaction between every caller, and
 * `db.serialize()` does not keep statements inside BEGIN…COMMIT (DESIGN §6). So
 * transactions are queued here: each `transaction(fn)` runs alone, its statements
 * chained by promises, and plain reads/writes outside a transaction wait for it.
 */
export class Database implements Sql {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly raw: sqlite3.Database) {}

  static async open(filename: string): Promise<Database> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(filename, (err) => (err ? reject(err) : resolve(db)));
    });
    const db = new Database(raw);
    raw.configure('busyTimeout', 5000);
    // FULL: a purchase is acknowledged to the till only after its commit, so the commit must
    // survive a power cut too, not just a crash of the process (NORMAL in WAL mode may lose it).
    await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    return db;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.exclusive(() => this.rawGet<T>(sql, params));
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.exclusive(() => this.rawAll<T>(sql, params));
  }

  run(sql: string, params: Params = []): Promise<{ changes: number; lastID: number }> {
    return this.exclusive(() => this.rawRun(sql, params));
  }

  /** Runs `fn` inside BEGIN IMMEDIATE … COMMIT; any throw rolls everything back. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const tx: Sql = {
        get: (sql, params = []) => this.rawGet(sql, params),
        all: (sql, params = []) => this.rawAll(sql, params),
        run: (sql, params = []) => this.rawRun(sql, params),
      };
      await this.rawRun('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        await this.rawRun('COMMIT');
        return result;
      } catch (err) {
        await this.rawRun('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  close(): Promise<void> {
    return this.exclusive(() => new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve()))));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private rawGet<T>(sql: string, params: Params): Promise<T | undefined> {
    return new Promise((resolve, reject) => this.raw.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined))));
  }

  private rawAll<T>(sql: string, params: Params): Promise<T[]> {
    return new Promise((resolve, reject) => this.raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  private rawRun(sql: string, params: Params = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.raw.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }
}
