import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { pipelineHealthApiRef } from '@dataplatform/backstage-plugin-data-platform';
import { PIPELINE_KIND } from '@dataplatform/backstage-plugin-data-platform-common';
import useAsync from 'react-use/esm/useAsync';

/** At most this many problems on the home page; the on-call page has the rest. */
export const PIPELINE_PROBLEMS_SHOWN = 5;

/**
 * The late, failed and bad-data pipelines of the given owners, most severe
 * first, from pipeline health (which leaves out what the user may not read),
 * and how many pipelines those owners have in the catalog.
 */
export function useTeamPipelineProblems(owners: string[] | undefined) {
  const healthApi = useApi(pipelineHealthApiRef);
  const catalogApi = useApi(catalogApiRef);
  const key = owners?.join(',');
  return useAsync(async () => {
    if (!owners?.length) return undefined;
    const [page, owned] = await Promise.all([
      healthApi.getOnCall({
        owners,
        filter: 'problems',
        sort: 'severity',
        limit: PIPELINE_PROBLEMS_SHOWN,
      }),
      catalogApi.queryEntities({
        filter: { kind: PIPELINE_KIND, 'relations.ownedBy': owners },
        fields: ['metadata.name'],
        limit: 1,
      }),
    ]);
    return {
      problems: page.rows,
      /** Every problem of these owners, not only the ones shown. */
      total: page.total,
      hidden: page.hidden ?? 0,
      ownedPipelines: owned.totalItems,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [healthApi, catalogApi, key]);
}
