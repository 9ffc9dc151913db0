import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * Route of the full-page lineage explorer. Its query: `node` (where to
 * start) and `pathFrom` (a node upstream: the path from it is highlighted,
 * as the health pages link a root cause).
 */
export const lineageExplorerRouteRef = createRouteRef();
