import type { OpenLineageEventKind } from '@dataplatform/backstage-plugin-data-platform-node';
import type { NameMappings } from './NameMappings';

type Dataset = Record<string, any> & { namespace: string; name: string };
type InputField = Dataset & { field: string };

/**
 * An event with its job and dataset names mapped (see NameMappings), or
 * undefined when no rule changes it. The event is not changed: what
 * changes is copied. Ignored datasets leave its inputs and outputs and the
 * input fields of its column-lineage facets; a DatasetEvent about an
 * ignored dataset keeps no facet (nothing is derived from it).
 */
export function mapEventNames(
  kind: OpenLineageEventKind,
  event: Record<string, any>,
  mappings: NameMappings,
): Record<string, any> | undefined {
  if (mappings.empty) return undefined;
  let changed = false;

  const renamed = <T extends Dataset>(named: T): T | undefined => {
    const to = mappings.dataset(named);
    if (!to) {
      changed = true;
      return undefined;
    }
    if (to.namespace === named.namespace && to.name === named.name) {
      return named;
    }
    changed = true;
    return { ...named, namespace: to.namespace, name: to.name };
  };
  const inputFields = (fields: InputField[] | undefined) =>
    fields?.flatMap(field => renamed(field) ?? []);
  const withColumnLineage = (dataset: Dataset): Dataset => {
    const facet = dataset.facets?.columnLineage;
    if (!facet || typeof facet !== 'object') return dataset;
    const before = changed;
    changed = false;
    const fields = Object.fromEntries(
      Object.entries(facet.fields ?? {}).map(
        ([column, field]: [string, any]) => [
          column,
          field && typeof field === 'object'
            ? { ...field, inputFields: inputFields(field.inputFields) }
            : field,
        ],
      ),
    );
    const datasetWide = inputFields(facet.dataset);
    const facetChanged = changed;
    changed = before || facetChanged;
    if (!facetChanged) return dataset;
    return {
      ...dataset,
      facets: {
        ...dataset.facets,
        columnLineage: {
          ...facet,
          ...(facet.fields ? { fields } : {}),
          ...(facet.dataset ? { dataset: datasetWide } : {}),
        },
      },
    };
  };

  if (kind === 'DatasetEvent') {
    const dataset = renamed(event.dataset);
    const mapped = dataset
      ? withColumnLineage(dataset)
      : { ...event.dataset, facets: {} };
    return changed ? { ...event, dataset: mapped } : undefined;
  }
  const job = mappings.job(event.job);
  if (job.namespace !== event.job.namespace || job.name !== event.job.name) {
    changed = true;
  }
  const datasets = (list: Dataset[] | undefined, outputs: boolean) =>
    list?.flatMap(dataset => {
      const mapped = renamed(dataset);
      if (!mapped) return [];
      return [outputs ? withColumnLineage(mapped) : mapped];
    });
  const inputs = datasets(event.inputs, false);
  const outputs = datasets(event.outputs, true);
  if (!changed) return undefined;
  return {
    ...event,
    job: { ...event.job, namespace: job.namespace, name: job.name },
    ...(inputs ? { inputs } : {}),
    ...(outputs ? { outputs } : {}),
  };
}
