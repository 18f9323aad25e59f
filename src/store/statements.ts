// Prepared statements, made once per SQL text and reused.
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

export type Statement = Database.Statement<unknown[]>;

export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Filter shapes vary (list lengths); keep the cache from growing without bound.
      if (this.statements.size > 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  clear(): void {
    this.statements.clear();
  }
}
