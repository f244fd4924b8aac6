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

export interface SqlQueries {
  query<Row extends object>(statement: SqlStatement, params: readonly unknown[]): Promise<Row[]>;
}

export interface SqlClient extends SqlQueries {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws. Keep `work` to the database and plain computation: whatever it waits for
   * holds the connection and every row lock taken in it.
   */
  transaction<T>(work: (sql: SqlQueries) => Promise<T>): Promise<T>;
}

type Queryable = Pick<pg.PoolClient, "query">;

function pgQueries(client: Queryable): SqlQueries {
  return {
    query: async <Row extends object>(statement: SqlStatement, params: readonly unknown[]) => {
      const result = await client.query<Row>({ name: statement.name, text: statement.text, values: [...params] });
      return result.rows;
    },
  };
}

export function poolSqlClient(pool: pg.Pool): SqlClient {
  return {
    ...pgQueries(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      // A connection whose rollback failed may still be in the transaction: it is destroyed, not given back to the pool.
      let destroy = false;
      try {
        await client.query("BEGIN");
        const result = await work(pgQueries(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => (destroy = true));
        throw error;
      } finally {
        client.release(destroy);
      }
    },
  };
}

function pgliteQueries(pglite: Pick<PGlite, "query">): SqlQueries {
  return {
    query: async <Row extends object>(statement: SqlStatement, params: readonly unknown[]) => {
      const result = await pglite.query<Row>(statement.text, [...params]);
      return result.rows;
    },
  };
}

export function pgliteSqlClient(pglite: PGlite): SqlClient {
  return {
    ...pgliteQueries(pglite),
    transaction: (work) => pglite.transaction((tx) => work(pgliteQueries(tx))),
  };
}
