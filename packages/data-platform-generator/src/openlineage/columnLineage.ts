import type {
  OpenLineageName,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { facet } from './facets';

interface InputField {
  namespace: string;
  name: string;
  field: string;
  transformations: {
    type: 'DIRECT' | 'INDIRECT';
    subtype: string;
    description?: string;
    masking?: boolean;
  }[];
}

const PARTITION_COLUMNS = new Set(['hour', 'date', 'event_time']);
const NUMERIC = new Set(['INT64', 'FLOAT64', 'NUMERIC']);

function source(
  input: OpenLineageName,
  field: string,
  transformation: InputField['transformations'][number],
): InputField {
  return { ...input, field, transformations: [transformation] };
}

/**
 * Column lineage of one output: columns of the same name pass through
 * (masked when the source is personal data), measures are aggregated from
 * the first input, and the whole dataset depends on the first input's
 * partition column (filter) and on the id columns it joins on.
 */
export function columnLineageFacet(
  producer: string,
  outputFields: SchemaField[],
  inputs: { name: OpenLineageName; fields: SchemaField[] }[],
): Record<string, unknown> {
  const fields: Record<string, { inputFields: InputField[] }> = {};
  for (const field of outputFields) {
    if (PARTITION_COLUMNS.has(field.name) || field.name === 'updated_at')
      continue;
    const sources: InputField[] = [];
    for (const input of inputs) {
      const match = input.fields.find(f => f.name === field.name);
      if (!match) continue;
      const personal = match.pii !== undefined && match.pii !== 'none';
      sources.push(
        source(
          input.name,
          match.name,
          personal
            ? {
                type: 'DIRECT',
                subtype: 'TRANSFORMATION',
                description: 'SHA-256 with a per-user salt',
                masking: true,
              }
            : { type: 'DIRECT', subtype: 'IDENTITY', masking: false },
        ),
      );
    }
    if (sources.length === 0 && inputs.length > 0 && NUMERIC.has(field.type)) {
      const measure = inputs[0].fields.find(f => NUMERIC.has(f.type));
      if (measure) {
        sources.push(
          source(inputs[0].name, measure.name, {
            type: 'DIRECT',
            subtype: 'AGGREGATION',
            description: `SUM(${measure.name})`,
            masking: false,
          }),
        );
      }
    }
    if (sources.length > 0)
      fields[field.name] = { inputFields: sources.slice(0, 4) };
  }

  const dataset: InputField[] = [];
  const [first, ...others] = inputs;
  const partition = first?.fields.find(f => PARTITION_COLUMNS.has(f.name));
  if (partition) {
    dataset.push(
      source(first.name, partition.name, {
        type: 'INDIRECT',
        subtype: 'FILTER',
      }),
    );
  }
  for (const other of others.slice(0, 3)) {
    const key = other.fields.find(
      f => f.name.endsWith('_id') && first.fields.some(g => g.name === f.name),
    );
    if (key)
      dataset.push(
        source(other.name, key.name, { type: 'INDIRECT', subtype: 'JOIN' }),
      );
  }
  return facet(producer, 'columnLineage', {
    fields,
    ...(dataset.length ? { dataset } : {}),
  });
}
