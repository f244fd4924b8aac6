/**
 * The hot path's SQL: one statement, one round trip, rows back, no ORM in
 * between. Prisma owns the schema, the migrations and the cold paths; the
 * few statements every request runs go through this instead, on PostgreSQL
 * (prepared once per pooled connection) and on the embedded PGlite alike.
 */
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlStatement {
  /** Prepared under this name on each PostgreSQL connection the first time it runs there. */
  readonly name: string;
  readonly text: string;
}

export interface SqlClient {
  query<Row extends object>(statement: SqlStatement, params: readonly unknown[]): Promise<Row[]>;
}

export function poolSqlClient(pool: pg.Pool): SqlClient {
  return {
    query: async <Row extends object>(statement: SqlStatement, params: readonly unknown[]) => {
      const result = await pool.query<Row>({ name: statement.name, text: statement.text, values: [...params] });
      return result.rows;
    },
  };
}

export function pgliteSqlClient(pglite: PGlite): SqlClient {
  return {
    query: async <Row extends object>(statement: SqlStatement, params: readonly unknown[]) => {
      const result = await pglite.query<Row>(statement.text, [...params]);
      return result.rows;
    },
  };
}
