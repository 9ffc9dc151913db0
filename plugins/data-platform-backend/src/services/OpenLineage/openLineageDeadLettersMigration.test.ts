import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const DEAD_LETTERS = '20261211_openlineage_dead_letters.js';
const REVISIONS = '20261211_openlineage_event_revisions.js';

const event = {
  event_key: 'a'.repeat(64),
  kind: 'RunEvent',
  event_type: 'COMPLETE',
  event_time: Date.parse('2026-11-26T10:05:00Z'),
  payload: '{"eventType":"COMPLETE"}',
  received_at: Date.parse('2026-11-26T10:05:01Z'),
};

describe.each(databases.eachSupportedId())(
  'migrations %s on dead letters and revisions',
  databaseId => {
    it('add both tables next to the raw events, keep bytes as sent, and go down leaving the events', async () => {
      const db = await databases.init(databaseId);
      await db.migrate.latest({ directory });
      await db('openlineage_events').insert(event);

      // Not even JSON, and with a NUL byte: kept as sent.
      const payload = Buffer.from('{"eventType":\u0000 "START"', 'utf8');
      await db('openlineage_dead_letters').insert({
        received_at: 1,
        event_index: 3,
        event: 'RunEvent',
        reasons: '[]',
        payload,
        payload_size: payload.length,
      });
      const [letter] = await db('openlineage_dead_letters');
      expect(Buffer.from(letter.payload).equals(payload)).toBe(true);
      expect(letter.replays).toBe(0);

      const revision = {
        event_key: event.event_key,
        payload_digest: 'b'.repeat(64),
        payload: '{"eventType":"COMPLETE","x":1}',
        received_at: 2,
      };
      await db('openlineage_event_revisions').insert(revision);
      // One revision per payload.
      const again = await db('openlineage_event_revisions')
        .insert(revision)
        .then(
          () => 'stored twice',
          (e: Error) => e.message,
        );
      expect(again).toMatch(/unique|UNIQUE|duplicate/);

      await db.migrate.down({ directory, name: REVISIONS });
      expect(await db.schema.hasTable('openlineage_event_revisions')).toBe(
        false,
      );
      await db.migrate.down({ directory, name: DEAD_LETTERS });
      expect(await db.schema.hasTable('openlineage_dead_letters')).toBe(false);
      expect(await db('openlineage_events').pluck('payload')).toEqual([
        event.payload,
      ]);

      await db.migrate.latest({ directory });
      const [{ n }] = await db('openlineage_dead_letters').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  },
);
