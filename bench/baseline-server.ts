/**
 * The baseline of the people-list benchmark: bare `pg` + `node:http`, running exactly the SQL our
 * repository generates for each scenario (read from argv as JSON), with no framework, validation,
 * session or response shaping. Answers GET /<scenario index>. Like the repository, it runs the page
 * query and then the capped count only when the page is full.
 */
import { createServer } from 'node:http';
import pg from 'pg';

interface Scenario {
  pageSql: string;
  countSql: string;
  params: unknown[];
  limit: number;
  offset: number;
}

const [url, port, scenariosJson] = process.argv.slice(2) as [string, string, string];
const scenarios = JSON.parse(scenariosJson) as Scenario[];
const pool = new pg.Pool({ connectionString: url, max: 10 });

createServer(async (req, res) => {
  const s = scenarios[Number((req.url ?? '/0').slice(1)) % scenarios.length]!;
  try {
    const page = await pool.query(s.pageSql, s.params);
    const total =
      page.rows.length > 0 && page.rows.length < s.limit
        ? s.offset + page.rows.length
        : (await pool.query(s.countSql, s.params)).rows[0].n;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: page.rows, total }));
  } catch (err) {
    res.writeHead(500);
    res.end(String(err));
  }
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
