// Exits 0 when a PostgreSQL server accepts a connection at the given URL
// (through the backend's own `pg` client), 1 otherwise. Used by test.sh.
import { createRequire } from 'node:module';

const require = createRequire(
  new URL('../../packages/backend/', import.meta.url),
);
const { Client } = require('pg');

const client = new Client({
  connectionString: process.argv[2],
  connectionTimeoutMillis: 3000,
});
try {
  await client.connect();
  await client.query('select 1');
  await client.end();
  process.exit(0);
} catch {
  process.exit(1);
}
