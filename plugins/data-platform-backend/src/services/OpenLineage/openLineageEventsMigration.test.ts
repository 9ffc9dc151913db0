import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const LINEAGE = '20261126_lineage.js';
const EVENTS = '20261127_openlineage_events.js';
const LZ4 = '20261201_openlineage_payload_lz4.js';

const eventRow = (key: string) => ({
  event_key: key.padEnd(64, '0'),
  kind: 'RunEvent',
  event_type: 'COMPLETE',
  event_time: Date.parse('2026-11-26T10:05:00Z'),
  run_id: '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e',
  job_namespace: 'airflow',
  job_name: 'plays-daily-aggregate',
  payload: '{"eventType":"COMPLETE"}',
  received_at: Date.parse('2026-11-26T10:05:01Z'),
});

describe.each(databases.eachSupportedId())(
  `migration %s on ${EVENTS}`,
  databaseId => {
    it('adds the raw event table next to lineage data, and removes only it', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.up({ directory, name: LINEAGE });
      await db('lineage_nodes').insert({
        kind: 'Dataset',
        title: 'plays',
        ol_namespace: 'bigquery',
        ol_name: 'tunewave-analytics.listening.plays_hourly',
        search_text: 'plays',
      });

      await db.migrate.up({ directory, name: EVENTS });
      await db('openlineage_events').insert([eventRow('a'), eventRow('b')]);
      // The key is unique: a replay is ignored.
      await db('openlineage_events')
        .insert(eventRow('a'))
        .onConflict('event_key')
        .ignore();
      const [{ n: rowCount }] = await db('openlineage_events').count({
        n: '*',
      });
      expect(Number(rowCount)).toBe(2);
      const [stored] = await db('openlineage_events').where(
        'event_key',
        eventRow('b').event_key,
      );
      expect(Number(stored.event_time)).toBe(eventRow('b').event_time);

      await db.migrate.down({ directory, name: EVENTS });
      expect(await db.schema.hasTable('openlineage_events')).toBe(false);
      expect(await db('lineage_nodes').select('ol_name')).toEqual([
        { ol_name: 'tunewave-analytics.listening.plays_hourly' },
      ]);

      await db.migrate.up({ directory, name: EVENTS });
      const [{ n }] = await db('openlineage_events').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it(`compresses new payloads with lz4 on PostgreSQL (${LZ4}), and goes down cleanly`, async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      // A real event's size: past the TOAST threshold, so it is compressed.
      const payload = JSON.stringify({
        eventType: 'COMPLETE',
        columns: Array.from({ length: 200 }, (_, i) => `column_${i}`),
      });
      const compression = async (key: string) => {
        await db('openlineage_events').insert({ ...eventRow(key), payload });
        const stored = await db('openlineage_events')
          .where('event_key', eventRow(key).event_key)
          .first(
            db.client.config.client === 'pg'
              ? db.raw('pg_column_compression(payload) as method')
              : db.raw('null as method'),
            'payload',
          );
        expect(stored.payload).toBe(payload);
        return stored.method;
      };
      const pg = db.client.config.client === 'pg';

      expect(await compression('lz4')).toBe(pg ? 'lz4' : null);
      await db.migrate.down({ directory, name: LZ4 });
      expect(await compression('pglz')).toBe(pg ? 'pglz' : null);
      // Rows stored before keep their compression and read back the same.
      expect(await db('openlineage_events').count({ n: '*' })).toEqual([
        { n: pg ? '2' : 2 },
      ]);
    });
  },
);
