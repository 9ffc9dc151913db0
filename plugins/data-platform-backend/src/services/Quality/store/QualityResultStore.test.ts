import { TestDatabases } from '@backstage/backend-test-utils';
import {
  EndpointScore,
  scoreEndpoint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { migrateClient } from '../../../database/migrations';
import {
  QualityResultStore,
  StoredResult,
  UNPARTITIONED,
} from './QualityResultStore';

jest.setTimeout(60_000);

const REF = 'dataendpoint:default/plays-hourly';
const HOUR_START = Date.parse('2026-12-07T09:00:00Z');

function reported(status: 'pass' | 'fail', evaluatedAt: number): StoredResult {
  return {
    endpointRef: REF,
    partitionStart: HOUR_START,
    source: 'dbt',
    name: 'not_null:play_id',
    type: 'assertion',
    severity: 'warning',
    status,
    metric: 'not_null',
    message: `not_null:play_id: ${status === 'pass' ? 'passed' : 'failed'}`,
    evaluatedAt,
  };
}

describe('QualityResultStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'keeps the latest of results reported twice in one batch (%p)',
    async databaseId => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new QualityResultStore(db);

      await store.putResults([
        reported('fail', HOUR_START + 600_000),
        reported('pass', HOUR_START + 900_000),
        reported('fail', HOUR_START + 700_000),
      ]);

      const stored = await store.resultsOf(REF, HOUR_START);
      expect(stored.map(r => [r.status, r.evaluatedAt])).toEqual([
        ['pass', HOUR_START + 900_000],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores every field of a result as given, and replaces it when reported again (%p)',
    async databaseId => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new QualityResultStore(db);
      const odd = 'a "quoted", {braced} \\ back\\slashed, NULL, \'single\'';
      const full: StoredResult = {
        ...reported('fail', HOUR_START + 600_000),
        name: odd,
        column: 'play_id',
        expected: '<= 0.01',
        actual: 0.25,
        message: odd,
        runId: 7,
      };
      const bare: StoredResult = {
        ...reported('pass', HOUR_START + 300_000),
        partitionStart: UNPARTITIONED,
        source: 'great_expectations',
        actual: 'n/a',
      };
      // Many rows, so that a store writing in chunks writes several.
      const many = Array.from({ length: 2_500 }, (_, i) => ({
        ...reported('pass', HOUR_START),
        name: `check_${i}`,
      }));

      await store.putResults([full, bare, ...many]);
      await store.putResults([
        { ...bare, status: 'fail', evaluatedAt: HOUR_START + 900_000 },
      ]);

      const stored = await store.resultsOf(REF, 0);
      expect(stored).toHaveLength(2 + many.length);
      expect(stored.find(r => r.name === odd)).toEqual(full);
      expect(stored.find(r => r.source === 'great_expectations')).toEqual({
        ...bare,
        status: 'fail',
        evaluatedAt: HOUR_START + 900_000,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'writes only the scores whose digest changed, with digests read beforehand (%p)',
    async databaseId => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new QualityResultStore(db);
      const score = (ownerKnown: boolean): EndpointScore =>
        scoreEndpoint({
          now: '2026-12-07T10:00:00Z',
          stewardship: { owner: 'group:default/listening', ownerKnown },
        });
      const day = '2026-12-07';
      const put = (
        refs: string[],
        ownerKnown: boolean,
        digests?: Map<string, string>,
      ) =>
        store.putScores(
          refs.map(endpointRef => ({
            endpointRef,
            day,
            score: score(ownerKnown),
            computedAt: HOUR_START,
          })),
          digests && { day, byEndpoint: digests },
        );
      expect(await put([REF, `${REF}-2`], true)).toBe(2);

      const digests = await store.scoreDigests(day);
      expect([...digests.keys()].sort()).toEqual([REF, `${REF}-2`]);
      expect(await put([REF, `${REF}-2`], true, digests)).toBe(0);
      expect(await put([REF], false, digests)).toBe(1);
      expect(await put([REF], false)).toBe(0);
    },
  );
});
