import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessorCache,
  CatalogProcessorRelationResult,
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { DataPlatformProcessor } from './DataPlatformProcessor';

const location: LocationSpec = { type: 'url', target: 'https://example.com' };

const trackPlayed: Entity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: { name: 'track-played' },
  spec: {
    owner: 'playback',
    lifecycle: 'production',
    system: 'listening-history',
    schema: {
      revision: 1,
      fields: [
        { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
        { name: 'played_at', type: 'TIMESTAMP' },
      ],
    },
    delivery: { partitioning: 'HOUR', retentionDays: 30 },
    producers: ['ios-client', 'component:mobile/android-client'],
  },
};

const trackPlayedTopic: Entity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'DataEndpoint',
  metadata: { name: 'track-played-topic', namespace: 'events' },
  spec: {
    type: 'pubsub-topic',
    owner: 'user:default/jane',
    lifecycle: 'production',
    location: { project: 'music-events', topic: 'track-played' },
    schema: { eventType: 'eventtype:default/track-played' },
  },
};

const aggregatePlays: Entity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'Pipeline',
  metadata: { name: 'aggregate-plays' },
  spec: {
    owner: 'group:listening-insights',
    lifecycle: 'production',
    engine: 'scio',
    schedule: { type: 'hourly' },
    inputs: ['events/track-played-topic', 'users-daily'],
    outputs: ['plays-hourly'],
  },
};

/** The catalog keeps one of these per entity and processor between runs. */
function processorCache(): CatalogProcessorCache {
  const values = new Map<string, any>();
  return {
    get: async key => values.get(key),
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

async function relationsOf(
  entity: Entity,
  processor = new DataPlatformProcessor(),
): Promise<string[]> {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
    processorCache(),
  );
  return emitted.map(r => {
    const { source, type, target } = (r as CatalogProcessorRelationResult)
      .relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

describe('DataPlatformProcessor', () => {
  const processor = new DataPlatformProcessor();

  describe('validateEntityKind', () => {
    it("checks an endpoint's quality columns against the event type it stores", async () => {
      const raw = (column: string): Entity => ({
        apiVersion: 'dataplatform.io/v1alpha1',
        kind: 'DataEndpoint',
        metadata: { name: 'track-played-raw' },
        spec: {
          type: 'bigquery-table',
          owner: 'playback',
          lifecycle: 'production',
          location: {
            project: 'music-raw',
            dataset: 'events',
            table: 'track_played',
          },
          schema: { eventType: 'track-played' },
          quality: [{ type: 'null_rate', column, maxNullRate: 0.01 }],
        },
      });
      const asked: string[] = [];
      const withSchemas = new DataPlatformProcessor({
        dependencyRelations: false,
        eventTypeFields: async ref => {
          asked.push(ref);
          return ref === 'eventtype:default/track-played'
            ? (trackPlayed.spec as any).schema.fields
            : undefined;
        },
      });
      await expect(
        withSchemas.validateEntityKind(raw('played_at')),
      ).resolves.toBe(true);
      await expect(
        withSchemas.validateEntityKind(raw('skipped_at')),
      ).rejects.toThrow(
        /^DataEndpoint "track-played-raw": spec\.quality\[0\]\.column: .*skipped_at/,
      );
      expect(asked).toEqual([
        'eventtype:default/track-played',
        'eventtype:default/track-played',
      ]);
      // An event type the catalog does not have yet cannot be checked against.
      const unknown = raw('skipped_at');
      (unknown.spec as any).schema.eventType = 'track-paused';
      await expect(withSchemas.validateEntityKind(unknown)).resolves.toBe(true);
    });

    it('accepts valid entities of the three kinds', async () => {
      for (const entity of [trackPlayed, trackPlayedTopic, aggregatePlays]) {
        await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
      }
    });

    it('leaves other apiVersions to other processors', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'ios-client' },
          spec: { type: 'app', lifecycle: 'production', owner: 'mobile' },
        }),
      ).resolves.toBe(false);
    });

    it('rejects an invalid entity naming kind, entity, field and problem', async () => {
      const bad = structuredClone(trackPlayed) as any;
      bad.spec.schema.fields[1].type = 'DATETIME2';
      await expect(processor.validateEntityKind(bad)).rejects.toThrow(
        /^EventType "track-played": spec\.schema\.fields\[1\]\.type: must be one of: STRING, BYTES, .*RECORD$/,
      );
      await expect(processor.validateEntityKind(bad)).rejects.toMatchObject({
        name: 'InputError',
      });
    });

    it('rejects a schema that breaks its compatibility mode against its history', async () => {
      const evolved = structuredClone(trackPlayed) as any;
      evolved.spec.schema.revision = 2;
      evolved.spec.schema.history = [
        { revision: 1, fields: (trackPlayed.spec as any).schema.fields },
      ];
      evolved.spec.schema.fields[1].type = 'DATE';
      await expect(processor.validateEntityKind(evolved)).rejects.toThrow(
        'EventType "track-played": spec.schema.fields: played_at: type TIMESTAMP -> DATE is not BACKWARD compatible (spec.schema.compatibility is BACKWARD)',
      );
      evolved.spec.schema.compatibility = 'NONE';
      await expect(processor.validateEntityKind(evolved)).resolves.toBe(true);
    });

    it('lists every problem, and the namespace when it is not the default', async () => {
      const bad = structuredClone(trackPlayedTopic) as any;
      bad.spec.location = { project: 'music-events', dataset: 'raw' };
      await expect(processor.validateEntityKind(bad)).rejects.toThrow(
        'DataEndpoint "events/track-played-topic": ' +
          'spec.location.topic: is required for a pubsub-topic; ' +
          'spec.location.dataset: does not apply to a pubsub-topic',
      );
    });

    it('rejects an unknown kind of its own apiVersion', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'dataplatform.io/v1alpha1',
          kind: 'Dataset',
          metadata: { name: 'plays' },
          spec: {},
        }),
      ).rejects.toThrow(
        'Dataset "plays": kind: dataplatform.io/v1alpha1 has no kind "Dataset"',
      );
    });
  });

  describe('postProcessEntity', () => {
    it('emits owner, system and producers of an EventType both ways with default kinds', async () => {
      expect(await relationsOf(trackPlayed)).toEqual([
        'EventType:default/track-played ownedBy Group:default/playback',
        'Group:default/playback ownerOf EventType:default/track-played',
        'EventType:default/track-played partOf System:default/listening-history',
        'System:default/listening-history hasPart EventType:default/track-played',
        'EventType:default/track-played producedBy Component:default/ios-client',
        'Component:default/ios-client producerOf EventType:default/track-played',
        'EventType:default/track-played producedBy component:mobile/android-client',
        'component:mobile/android-client producerOf EventType:default/track-played',
      ]);
    });

    it("emits a DataEndpoint's owner and EventType, in the endpoint's namespace by default", async () => {
      expect(await relationsOf(trackPlayedTopic)).toEqual([
        'DataEndpoint:events/track-played-topic ownedBy user:default/jane',
        'user:default/jane ownerOf DataEndpoint:events/track-played-topic',
        'DataEndpoint:events/track-played-topic hasEventType eventtype:default/track-played',
        'eventtype:default/track-played eventTypeOf DataEndpoint:events/track-played-topic',
      ]);
    });

    it("emits a Pipeline's inputs and outputs as DataEndpoints by default", async () => {
      expect(await relationsOf(aggregatePlays)).toEqual([
        'Pipeline:default/aggregate-plays ownedBy group:default/listening-insights',
        'group:default/listening-insights ownerOf Pipeline:default/aggregate-plays',
        'Pipeline:default/aggregate-plays readsFrom DataEndpoint:events/track-played-topic',
        'DataEndpoint:events/track-played-topic readBy Pipeline:default/aggregate-plays',
        'Pipeline:default/aggregate-plays readsFrom DataEndpoint:default/users-daily',
        'DataEndpoint:default/users-daily readBy Pipeline:default/aggregate-plays',
        'Pipeline:default/aggregate-plays writesTo DataEndpoint:default/plays-hourly',
        'DataEndpoint:default/plays-hourly writtenBy Pipeline:default/aggregate-plays',
      ]);
    });

    it('adds dependsOn/dependencyOf along the data flow when configured', async () => {
      const withDependencies = DataPlatformProcessor.fromConfig(
        new ConfigReader({
          catalog: {
            processors: { dataPlatform: { dependencyRelations: true } },
          },
        }),
      );
      const pipelineRelations = await relationsOf(
        aggregatePlays,
        withDependencies,
      );
      expect(pipelineRelations).toEqual(
        expect.arrayContaining([
          'Pipeline:default/aggregate-plays dependsOn DataEndpoint:default/users-daily',
          'DataEndpoint:default/users-daily dependencyOf Pipeline:default/aggregate-plays',
          'Pipeline:default/aggregate-plays dependencyOf DataEndpoint:default/plays-hourly',
          'DataEndpoint:default/plays-hourly dependsOn Pipeline:default/aggregate-plays',
        ]),
      );
      // Ownership is not a dependency.
      expect(
        pipelineRelations.filter(r => r.includes('listening-insights')),
      ).toHaveLength(2);
      expect(await relationsOf(trackPlayedTopic, withDependencies)).toContain(
        'DataEndpoint:events/track-played-topic dependsOn eventtype:default/track-played',
      );
      expect(await relationsOf(trackPlayed, withDependencies)).toContain(
        'EventType:default/track-played dependsOn Component:default/ios-client',
      );
    });

    it('emits no dependsOn by default', async () => {
      const all = [
        ...(await relationsOf(trackPlayed)),
        ...(await relationsOf(trackPlayedTopic)),
        ...(await relationsOf(aggregatePlays)),
      ];
      expect(all.filter(r => /dependsOn|dependencyOf/.test(r))).toEqual([]);
      const fromEmptyConfig = DataPlatformProcessor.fromConfig(
        new ConfigReader({}),
      );
      expect(await relationsOf(aggregatePlays, fromEmptyConfig)).toEqual(
        await relationsOf(aggregatePlays),
      );
    });

    it('leaves other kinds untouched and emits nothing for them', async () => {
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'ios-client' },
        spec: {
          type: 'app',
          lifecycle: 'production',
          owner: 'mobile',
          inputs: ['x'],
        },
      };
      const before = structuredClone(component);
      const emit = jest.fn();
      const cache = processorCache();
      const set = jest.spyOn(cache, 'set');
      await expect(
        processor.postProcessEntity(component, location, emit, cache),
      ).resolves.toEqual(before);
      expect(emit).not.toHaveBeenCalled();
      expect(set).not.toHaveBeenCalled();
    });
  });

  describe('the changed-at stamp', () => {
    afterEach(() => jest.useRealTimers());

    async function processAt(
      time: string,
      entity: Entity,
      cache: CatalogProcessorCache,
    ) {
      jest.useFakeTimers({ now: new Date(time), doNotFake: ['nextTick'] });
      const processed = await processor.postProcessEntity(
        entity,
        location,
        () => {},
        cache,
      );
      jest.useRealTimers();
      return processed.metadata.annotations?.['dataplatform.io/changed-at'];
    }

    it('stamps the first run and keeps the stamp while the definition is the same', async () => {
      const cache = processorCache();
      expect(
        await processAt('2026-11-27T08:00:00Z', aggregatePlays, cache),
      ).toBe('2026-11-27T08:00:00.000Z');
      expect(
        await processAt('2026-11-27T08:02:30Z', aggregatePlays, cache),
      ).toBe('2026-11-27T08:00:00.000Z');
    });

    it('moves the stamp when the definition changes, and only then', async () => {
      const cache = processorCache();
      await processAt('2026-11-27T08:00:00Z', aggregatePlays, cache);
      const edited = {
        ...aggregatePlays,
        spec: { ...aggregatePlays.spec, outputs: ['plays-daily'] },
      };
      expect(await processAt('2026-11-27T09:00:00Z', edited, cache)).toBe(
        '2026-11-27T09:00:00.000Z',
      );
      expect(await processAt('2026-11-27T09:05:00Z', edited, cache)).toBe(
        '2026-11-27T09:00:00.000Z',
      );
    });

    it('ignores a changed-at annotation the entity arrives with', async () => {
      const cache = processorCache();
      await processAt('2026-11-27T08:00:00Z', trackPlayedTopic, cache);
      const claimed = {
        ...trackPlayedTopic,
        metadata: {
          ...trackPlayedTopic.metadata,
          annotations: { 'dataplatform.io/changed-at': '2030-01-01T00:00:00Z' },
        },
      };
      expect(await processAt('2026-11-27T08:10:00Z', claimed, cache)).toBe(
        '2026-11-27T08:00:00.000Z',
      );
    });

    it('keeps the entity otherwise as it was', async () => {
      const processed = await processor.postProcessEntity(
        trackPlayed,
        location,
        () => {},
        processorCache(),
      );
      const { 'dataplatform.io/changed-at': stamp, ...others } =
        processed.metadata.annotations ?? {};
      expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(others).toEqual({});
      expect({
        ...processed,
        metadata: { ...processed.metadata, annotations: undefined },
      }).toEqual({
        ...trackPlayed,
        metadata: { ...trackPlayed.metadata, annotations: undefined },
      });
    });
  });

  it('is named for the catalog logs', () => {
    expect(processor.getProcessorName()).toBe('DataPlatformProcessor');
  });
});
