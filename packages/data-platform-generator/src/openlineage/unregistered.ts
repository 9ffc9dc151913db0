import type { OpenLineageName } from '@dataplatform/backstage-plugin-data-platform-common';
import { endpointDatasetName } from '../model/identities';
import type { Platform } from '../model/types';
import { forkRandom } from '../random';
import { DOMAINS } from '../vocabulary';

/**
 * What OpenLineage sees that the catalog does not: ad-hoc notebook jobs
 * writing scratch tables, registered pipelines that also write an
 * unregistered backup table, and registered pipelines reading a dataset they
 * do not declare. They make catalog gaps and observed-only edges visible.
 */
export interface CatalogGaps {
  /** Jobs that exist only in OpenLineage, with what they read and write. */
  adhocJobs: {
    job: OpenLineageName;
    inputs: number[];
    output: OpenLineageName;
  }[];
  /** Registered pipelines (by index) that also write an unregistered dataset. */
  extraOutputs: Map<number, OpenLineageName>;
  /** Registered pipelines (by index) that read an endpoint they do not declare. */
  undeclaredInputs: Map<number, number>;
}

const column = (name: string) => name.replace(/[-.]/g, '_');

/** Default number of each kind of gap: about one per 2,000 pipelines, at least two. */
export function defaultGapCount(platform: Platform): number {
  return Math.min(
    40,
    Math.max(2, Math.round(platform.pipelines.length / 2000)),
  );
}

export function catalogGaps(platform: Platform, count: number): CatalogGaps {
  const random = forkRandom(platform.options.seed, 'catalog-gaps');
  const popular =
    platform.hubs.length > 0
      ? platform.hubs
      : [platform.eventTypes[0].rawTable];
  const adhocJobs: CatalogGaps['adhocJobs'] = [];
  for (let j = 0; j < count; j++) {
    const user = random.pick(platform.users);
    const domain = DOMAINS[random.int(0, platform.domains.length - 1)];
    const topic = `${column(random.pick(domain.entities))}_${column(
      random.pick(domain.measures),
    )}`;
    const inputs = new Set([random.pick(popular)]);
    const other = random.int(0, platform.endpoints.length - 1);
    if (platform.endpoints[other].role !== 'topic') inputs.add(other);
    adhocJobs.push({
      job: {
        namespace: 'jupyter',
        name: `notebooks.${column(user.name)}.${topic}_analysis_${j + 1}`,
      },
      inputs: [...inputs],
      output: {
        namespace: 'bigquery',
        name: `${platform.options.projectPrefix}-sandbox.scratch_${column(
          user.name,
        )}.${topic}_sample_${j + 1}`,
      },
    });
  }

  const transforms = platform.pipelines.flatMap((p, i) =>
    p.layer > 1 && p.schedule === 'hourly' ? [i] : [],
  );
  const extraOutputs = new Map<number, OpenLineageName>();
  const undeclaredInputs = new Map<number, number>();
  for (
    let attempt = 0;
    attempt < count * 10 && extraOutputs.size < count;
    attempt++
  ) {
    const p = random.pick(transforms);
    const output = endpointDatasetName(
      platform,
      platform.pipelines[p].outputs[0],
    );
    if (output.namespace !== 'bigquery') continue;
    const [project, dataset, table] = output.name.split('.');
    extraOutputs.set(p, {
      namespace: 'bigquery',
      name: `${project}.tmp_${dataset}.${table}_backup`,
    });
  }
  for (
    let attempt = 0;
    attempt < count * 10 && undeclaredInputs.size < count;
    attempt++
  ) {
    const p = random.pick(transforms);
    const declared = new Set(platform.pipelines[p].inputs);
    const candidate =
      platform.pipelines[p].layer > 2
        ? random.pick(popular)
        : random.pick(platform.eventTypes).rawTable;
    if (!declared.has(candidate)) undeclaredInputs.set(p, candidate);
  }
  return { adhocJobs, extraOutputs, undeclaredInputs };
}
