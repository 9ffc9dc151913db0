/*
 * The schema field index on a generated platform (issue 23: "the spotify
 * preset's fields index incrementally, not by a full re-read on every run"):
 * how long the first full build takes and how many fields it holds, how long
 * a collation (every field, a page at a time, as the collator reads it)
 * takes, then after ~100 entities changed: an incremental pass against a
 * full re-read of the catalog (a pass with no checkpoint), side by side.
 * The catalog is held in memory and answers from lists sorted once (see
 * ./indexedCatalog), so the figures are the index's own work, not a
 * catalog's.
 *
 *   yarn bench:search:fields [--preset spotify|large|medium|small] [--changed 100]
 *                          [--only postgresql|sqlite]
 */
import os from 'node:os';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  buildPlatform,
  generatePlatformEntities,
  PresetName,
  Random,
} from '@dataplatform/data-platform-generator';
import { flag, onEachBenchDatabase } from './benchSupport';
import { IndexedCatalog } from './indexedCatalog';
import { DatabaseSchemaFieldStore } from '../src/services/SchemaFieldIndex/DatabaseSchemaFieldStore';
import { SchemaFieldSync } from '../src/services/SchemaFieldIndex/SchemaFieldSync';
import { inMemoryMirrorState } from '../src/services/CatalogSync/MirrorState';

const STAMP = 'dataplatform.io/changed-at';

function stamped(entity: Entity, at: string, etag: string): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      etag,
      annotations: { ...entity.metadata.annotations, [STAMP]: at },
    },
  };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const begun = process.hrtime.bigint();
  const result = await run();
  return [result, Number(process.hrtime.bigint() - begun) / 1e6];
}

async function main() {
  const preset = flag('preset', 'spotify') as PresetName;
  const changedCount = Number(flag('changed', '100'));
  const platform = buildPlatform({ preset, seed: 7 });
  // Stamped an hour before the build, outside the mirror's change window
  // (five minutes before its previous pass): after the build, a pass reads
  // only what is stamped later.
  const t0 = '2026-12-20T09:00:00.000Z';
  const entities = [...generatePlatformEntities(platform)]
    .filter(e => e.kind === 'EventType' || e.kind === 'DataEndpoint')
    .map(e => stamped(e, t0, 'v1'));
  console.log(
    `preset ${preset}: ${entities.length} event types and endpoints; load ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  const only = flag('only', 'postgresql');
  await onEachBenchDatabase(
    'search_fields',
    only,
    async ({ name: label, db }) => {
      const store = new DatabaseSchemaFieldStore(db);
      let catalog = new IndexedCatalog({ entities });
      let now = Date.parse('2026-12-20T10:05:00Z');
      const state = inMemoryMirrorState();
      const sync = () =>
        new SchemaFieldSync({
          catalog,
          auth: mockServices.auth(),
          store,
          logger: mockServices.rootLogger({ level: 'warn' }),
          state,
          now: () => now,
        });
      const [, buildMs] = await timed(() => sync().run());
      const fields = await store.countFields();
      const [documents, collateMs] = await timed(async () => {
        let count = 0;
        let after;
        do {
          const page: Awaited<ReturnType<typeof store.documents>> =
            await store.documents(1000, after);
          count += page.items.length;
          after = page.next;
        } while (after);
        return count;
      });

      // ~100 entities change (a title edit each), stamped after the build.
      const random = new Random(3);
      const picked = new Set(
        random.shuffled(entities.map((_, i) => i)).slice(0, changedCount),
      );
      const t1 = '2026-12-20T10:06:00.000Z';
      catalog = new IndexedCatalog({
        entities: entities.map((e, i) =>
          picked.has(i)
            ? stamped(
                {
                  ...e,
                  metadata: { ...e.metadata, title: `${e.metadata.name} v2` },
                },
                t1,
                'v2',
              )
            : e,
        ),
      });
      now += 60_000;
      const [incremental, incrementalMs] = await timed(() => sync().run());
      // The baseline: what a collation without the index does, every entity
      // read from the catalog and flattened again (no etag held matches).
      await db('schema_field_entities').update({ etag: '' });
      const fullSync = new SchemaFieldSync({
        catalog,
        auth: mockServices.auth(),
        store,
        logger: mockServices.rootLogger({ level: 'warn' }),
        now: () => now,
      });
      const [full, fullMs] = await timed(() => fullSync.run());
      console.log(
        [
          `${label}: build ${(buildMs / 1000).toFixed(
            1,
          )} s for ${fields} fields`,
          `collation read ${documents} documents in ${(
            collateMs / 1000
          ).toFixed(1)} s`,
          `after ${changedCount} changed: incremental pass (${
            incremental.mode
          }, ${incremental.seen} read, ${
            incremental.updated
          } updated) ${incrementalMs.toFixed(0)} ms`,
          `full re-read (${full.mode}, ${full.seen} read) ${fullMs.toFixed(
            0,
          )} ms`,
          `ratio full / incremental ${(fullMs / incrementalMs).toFixed(1)}x`,
          `load ${os
            .loadavg()
            .map(l => l.toFixed(2))
            .join(' ')}`,
        ].join('\n  '),
      );
    },
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
