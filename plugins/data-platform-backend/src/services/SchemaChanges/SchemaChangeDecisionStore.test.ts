import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateClient } from '../../database/migrations';
import { SchemaChangeDecisionStore } from './SchemaChangeDecisionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const MIGRATION = '20261217_schema_change_decisions.js';

const decision = (revision: number, decidedAt: string) => ({
  entityRef: 'eventtype:default/track-played',
  revision,
  decidedBy: 'user:default/alice',
  decidedAt,
  reason: 'ms_played moves to duration_ms; royalties read it from there',
  changes: [
    {
      kind: 'field-removed' as const,
      path: 'ms_played',
      description: 'removed',
    },
  ],
  consumers: [
    {
      id: 'pipeline:default/royalties',
      title: 'royalties',
      owner: 'group:default/royalties',
      paths: ['ms_played'],
      through: 'reads plays-raw',
    },
  ],
  notified: [],
});

describe.each(databases.eachSupportedId())(
  'schema change decisions on %s',
  databaseId => {
    it('records a decision once per key and lists them newest first', async () => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new SchemaChangeDecisionStore(db);
      const first = await store.record(
        decision(4, '2026-12-01T10:00:00.000Z'),
        'task-1',
      );
      expect(first.created).toBe(true);
      expect(first.decision).toEqual({
        id: expect.any(String),
        ...decision(4, '2026-12-01T10:00:00.000Z'),
      });
      // A retried task: the first decision stands.
      const retry = await store.record(
        { ...decision(4, '2026-12-01T10:05:00.000Z'), reason: 'again' },
        'task-1',
      );
      expect(retry).toEqual({ decision: first.decision, created: false });
      await store.setNotified(first.decision.id, ['group:default/royalties']);
      await store.record(decision(5, '2026-12-02T10:00:00.000Z'), 'task-2');

      const listed = await store.list('eventtype:default/track-played');
      expect(listed.map(d => [d.revision, d.notified])).toEqual([
        [5, []],
        [4, ['group:default/royalties']],
      ]);
      expect(await store.list('eventtype:default/other')).toEqual([]);
    });

    it('migrates down, dropping the decisions, and up again', async () => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      await new SchemaChangeDecisionStore(db).record(
        decision(4, '2026-12-01T10:00:00.000Z'),
        'task-1',
      );
      await db.migrate.down({ directory, name: MIGRATION });
      expect(await db.schema.hasTable('schema_change_decisions')).toBe(false);
      await migrateClient(db);
      expect(
        await new SchemaChangeDecisionStore(db).list(
          'eventtype:default/track-played',
        ),
      ).toEqual([]);
    });
  },
);
