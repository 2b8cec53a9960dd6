/**
 * The baseline of the people-list benchmark: bare `pg` + `node:http`, running exactly the SQL our
 * repository generates for each scenario (read from argv as JSON), with no framework, validation,
 * session or response shaping. Answers GET /<scenario index>. Like the repository, it runs the one
 * statement that answers the page with its total (counted up to the cap only when the page is full or
 * empty).
 */
import { createServer } from 'node:http';
import pg from 'pg';

interface Scenario {
  listSql: string;
  params: unknown[];
}

const [url, port, scenariosJson] = process.argv.slice(2) as [string, string, string];
const scenarios = JSON.parse(scenariosJson) as Scenario[];
const pool = new pg.Pool({ connectionString: url, max: 10 });

createServer(async (req, res) => {
  const s = scenarios[Number((req.url ?? '/0').slice(1)) % scenarios.length]!;
  try {
    const page = await pool.query(s.listSql, s.params);
    const total = page.rows[0]?.total_n ?? 0;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: page.rows.filter((r) => r.id !== null), total }));
  } catch (err) {
    res.writeHead(500);
    res.end(String(err));
  }
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
