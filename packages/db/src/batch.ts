/**
 * Multi-row INSERTs in batches: rows are buffered and written ~1,000 at a time, one statement per
 * batch, parameterised and below PostgreSQL's 65,535-parameter limit (the same on PGlite).
 */
import type { Queryable } from './create-db.js';
import type { Params } from './repositories/scope.js';

const MAX_PARAMETERS = 65_535;
const DEFAULT_ROWS_PER_STATEMENT = 1_000;

export class BatchInserter {
  private values: unknown[] = [];
  private rows = 0;
  private readonly maxRows: number;
  private fullBatchSql: string | null = null;
  /** Rows written so far. */
  inserted = 0;

  constructor(
    private readonly db: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    rowsPerStatement = DEFAULT_ROWS_PER_STATEMENT,
  ) {
    this.maxRows = Math.max(1, Math.min(rowsPerStatement, Math.floor(MAX_PARAMETERS / columns.length)));
  }

  /** Buffers one row (values in column order); writes the batch when it is full. */
  async add(row: readonly unknown[]): Promise<void> {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`);
    for (const v of row) this.values.push(v);
    this.rows += 1;
    if (this.rows >= this.maxRows) await this.flush();
  }

  /** Writes whatever is buffered. */
  async flush(): Promise<void> {
    if (this.rows === 0) return;
    const sql = this.rows === this.maxRows ? (this.fullBatchSql ??= this.insertSql(this.rows)) : this.insertSql(this.rows);
    await this.db.query(sql, this.values);
    this.inserted += this.rows;
    this.values = [];
    this.rows = 0;
  }

  private insertSql(rows: number): string {
    const n = this.columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const params: string[] = [];
      for (let c = 1; c <= n; c++) params.push(`$${r * n + c}`);
      tuples.push(`(${params.join(',')})`);
    }
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${tuples.join(',')}`;
  }
}

/**
 * Inserts rows (values in column order) in multi-row statements of at most `batch` rows and
 * returns the `returning` column of every inserted row, in input order.
 */
export async function insertRows<R = number>(
  db: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { batch?: number; returning?: string } = {},
): Promise<R[]> {
  const n = columns.length;
  const batch = Math.max(1, Math.min(options.batch ?? DEFAULT_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / n)));
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values: unknown[] = [];
    const tuples = chunk.map((row, j) => {
      values.push(...row);
      return `(${columns.map((_, k) => `$${j * n + k + 1}`).join(', ')})`;
    });
    const returning = options.returning ? ` RETURNING ${options.returning} AS r` : '';
    const r = await db.query<{ r: R }>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${returning}`, values);
    if (options.returning) for (const x of r.rows) out.push(x.r);
  }
  return out;
}

/** Rows cut into slices of at most `size` (one multi-row statement each). */
export function chunkRows<T>(rows: readonly T[], size = DEFAULT_ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** "($1, $2, …), (…)" for rows of `width` values, each cast as given; the values go into `p`. */
export function valuesSql(p: Params, rows: readonly (readonly unknown[])[], casts: readonly string[]): string {
  return rows.map((row) => `(${row.map((v, i) => `${p.add(v)}${casts[i] ? `::${casts[i]}` : ''}`).join(', ')})`).join(', ');
}
