import {
  DataEndpointEntity,
  EventTypeEntity,
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  PipelineEntity,
  ProvisioningCatalog,
} from '@dataplatform/backstage-plugin-data-platform-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

type Entity = NonNullable<Parameters<typeof isDataEndpointEntity>[0]>;

const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/** The example platform the dev portal registers (examples/all.yaml), as the catalog holds it. */
export function examplePlatform(): ProvisioningCatalog {
  const [location] = parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES, 'all.yaml'), 'utf8'),
  ).map(d => d.toJS());
  const entities = (location.spec.targets as string[]).flatMap(target =>
    parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, target), 'utf8'))
      .map(d => d.toJS() as Entity)
      .filter(Boolean)
      .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } })),
  );
  return {
    endpoints: entities.filter(isDataEndpointEntity) as DataEndpointEntity[],
    eventTypes: entities.filter(isEventTypeEntity) as EventTypeEntity[],
    pipelines: entities.filter(isPipelineEntity) as PipelineEntity[],
  };
}
