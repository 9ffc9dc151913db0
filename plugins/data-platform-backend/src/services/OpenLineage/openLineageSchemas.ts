import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { groupBy } from '../../collections/groupBy';
import { parseRfc3339 } from '../../time/rfc3339';
import type { OpenLineageEventKind } from '@dataplatform/backstage-plugin-data-platform-node';

const SPEC_ID = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
const FACET_BASES = [
  'RunFacet',
  'JobFacet',
  'DatasetFacet',
  'InputDatasetFacet',
  'OutputDatasetFacet',
] as const;
type FacetBase = (typeof FACET_BASES)[number];

type JsonSchema = Record<string, any>;

/** The spec's event schema and its standard facet schemas. */
export type OpenLineageSchemas = { spec: JsonSchema; facets: JsonSchema[] };

/** The spec's schema files, as loaded from the package's openlineage-spec folder. */
export function readOpenLineageSpec(
  directory = resolvePackagePath(
    '@dataplatform/backstage-plugin-data-platform-backend',
    'openlineage-spec',
  ),
): OpenLineageSchemas {
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
  const facetDir = path.join(directory, 'facets');
  return {
    spec: read(path.join(directory, 'OpenLineage.json')),
    facets: fs
      .readdirSync(facetDir)
      .filter(f => f.endsWith('.json'))
      .sort()
      .map(f => read(path.join(facetDir, f))),
  };
}

/**
 * The spec as the ingestion reads it. Two fields of the base event are
 * checked by the validator itself rather than the schema: `eventTime`
 * (read strictly, a time without a zone read as UTC; see `parseRfc3339`)
 * and `schemaURL` (optional: OpenLineage's own clients leave it out at
 * times, and Marquez accepts them).
 */
function asIngestionReadsIt(spec: JsonSchema): JsonSchema {
  const copy = structuredClone(spec);
  const base = copy.$defs.BaseEvent;
  base.properties.eventTime = { type: 'string' };
  base.required = base.required.filter(
    (field: string) => field !== 'schemaURL',
  );
  return copy;
}

/**
 * Where a facet file's facet may appear (run, job, dataset, input or output
 * facets), from the base facet of the spec its definition extends.
 */
function placementsOf(facetFile: JsonSchema): Set<FacetBase> {
  const bases = new Set<FacetBase>();
  const baseOf = (ref: unknown) =>
    FACET_BASES.find(b => ref === `${SPEC_ID}#/$defs/${b}`);
  for (const root of Object.values<JsonSchema>(facetFile.properties ?? {})) {
    const refs = [root.$ref, ...(root.anyOf ?? []).map((s: any) => s.$ref)];
    for (const ref of refs) {
      const def = facetFile.$defs?.[String(ref).replace('#/$defs/', '')];
      for (const part of def?.allOf ?? []) {
        const base = baseOf(part.$ref);
        if (base) bases.add(base);
      }
    }
  }
  if (bases.size === 0) {
    // e.g. BaseSubsetDatasetFacet: an abstract definition whose input and
    // output variants extend the bases.
    for (const def of Object.values<JsonSchema>(facetFile.$defs ?? {})) {
      const base = baseOf(def.allOf?.[0]?.$ref);
      if (base) bases.add(base);
    }
  }
  return bases;
}

/**
 * Where facets sit in an event, each a container of named facets: run,
 * job and dataset facets, and a dataset's input and output facets.
 */
export type FacetPlace = 'run' | 'job' | 'dataset' | 'input' | 'output';

/** The compiled validators the ingestion checks events with. */
export type OpenLineageValidators = {
  /** One per event kind: the whole event, facets included. */
  events: Record<OpenLineageEventKind, ValidateFunction>;
  /** One set per facet place, each checking what the event's validator does there. */
  facets: Record<FacetPlace, FacetValidators>;
};

/** The validators of one facet place. */
export type FacetValidators = {
  /** A container of facets; a standard facet is checked as `{ [name]: facet }`. */
  container: ValidateFunction;
  /** The names of the standard facets of the place. */
  standard: ReadonlySet<string>;
  /** Any other facet: the base facet fields (`_producer`, `_schemaURL`). */
  custom: ValidateFunction;
};

/**
 * The validators of `OpenLineageValidators`: the spec's definition of each
 * kind, every standard facet checked against its own schema where the spec
 * places it (run, job, dataset, input or output facets), other facets only
 * for the base facet fields (`_producer`, `_schemaURL`). Each stops at the
 * first error: ajv's `allErrors` grows its error list by copying it at each
 * referenced schema, quadratic in the errors (an event of 80,000 broken
 * datasets took 19 s), so what a failing event breaks is found one facet
 * at a time instead (see `facetLeniency`).
 */
export function compileOpenLineageValidators(
  schemas: OpenLineageSchemas,
): OpenLineageValidators {
  const ajv = new Ajv2020({ strict: false });
  // "fast" formats: the full RFC 3986 `uri` pattern, checked on every
  // facet's `_producer` and `_schemaURL`, was a sixth of ingestion's CPU.
  // Fast mode still refuses what is not a URI, date-time or UUID.
  addFormats(ajv, { mode: 'fast' });
  // Date-times in facets are read later (a nominal time is a partition):
  // one that passes a format check must be a real instant.
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => 'ms' in parseRfc3339(value),
  });
  ajv.addSchema(asIngestionReadsIt(schemas.spec));
  // Per place, facet name -> the facet definitions it must match. Taken
  // from each file's root `properties`, not the root itself: some roots
  // also require their facet (BaseSubsetDatasetFacet requires `subset`).
  for (const facetFile of schemas.facets) ajv.addSchema(facetFile);
  const placements = schemas.facets.flatMap(facetFile =>
    [...placementsOf(facetFile)].flatMap(base =>
      Object.keys(facetFile.properties ?? {}).map(name => ({
        base,
        name,
        ref: `${facetFile.$id}#/properties/${name}`,
      })),
    ),
  );
  const facets = (base: FacetBase) => ({
    properties: Object.fromEntries(
      [
        ...groupBy(
          placements.filter(p => p.base === base),
          p => p.name,
          p => p.ref,
        ),
      ].map(([name, refs]) => [
        name,
        { allOf: refs.map(ref => ({ $ref: ref })) },
      ]),
    ),
  });
  const datasets = (extra: 'inputFacets' | 'outputFacets') => ({
    items: {
      properties: {
        facets: facets('DatasetFacet'),
        [extra]: facets(
          extra === 'inputFacets' ? 'InputDatasetFacet' : 'OutputDatasetFacet',
        ),
      },
    },
  });
  const withFacets = (kind: OpenLineageEventKind, properties: JsonSchema) =>
    ajv.compile({
      $id: `urn:data-platform:openlineage:${kind}`,
      allOf: [{ $ref: `${SPEC_ID}#/$defs/${kind}` }, { properties }],
    });
  const jobAndDatasets = {
    job: { properties: { facets: facets('JobFacet') } },
    inputs: datasets('inputFacets'),
    outputs: datasets('outputFacets'),
  };
  /** A place's validators: the spec's schema of it, and the facets' own. */
  const container = (specPointer: string, base: FacetBase) => {
    const own = facets(base);
    return {
      container: ajv.compile({
        allOf: [{ $ref: `${SPEC_ID}#/$defs/${specPointer}` }, own],
      }),
      standard: new Set(Object.keys(own.properties)),
      custom: ajv.compile({ $ref: `${SPEC_ID}#/$defs/${base}` }),
    };
  };
  return {
    events: {
      RunEvent: withFacets('RunEvent', {
        ...jobAndDatasets,
        run: { properties: { facets: facets('RunFacet') } },
      }),
      JobEvent: withFacets('JobEvent', jobAndDatasets),
      DatasetEvent: withFacets('DatasetEvent', {
        dataset: { properties: { facets: facets('DatasetFacet') } },
      }),
    },
    facets: {
      run: container('Run/properties/facets', 'RunFacet'),
      job: container('Job/properties/facets', 'JobFacet'),
      dataset: container('Dataset/properties/facets', 'DatasetFacet'),
      input: container(
        'InputDataset/allOf/1/properties/inputFacets',
        'InputDatasetFacet',
      ),
      output: container(
        'OutputDataset/allOf/1/properties/outputFacets',
        'OutputDatasetFacet',
      ),
    },
  };
}
