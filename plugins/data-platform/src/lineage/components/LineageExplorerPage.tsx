import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';
import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { LineageView } from '../../routes';
import { LINEAGE_HOPS } from '../hops';
import { useQueryUpdate } from '../useQueryUpdate';
import { LineageExplorer } from './LineageExplorer';

const WALKS: LineageDirection[] = ['both', 'upstream', 'downstream'];

/**
 * Full-page lineage explorer at /data-lineage. Its query is the
 * {@link LineageView} shown (`node`, `depth`, `direction`, `pathFrom`), kept
 * as the user changes it, so a view can be linked to. Values it does not
 * know fall back to one hop both ways.
 */
export function LineageExplorerPage() {
  const [params, update] = useQueryUpdate();
  const node = params.get('node') ?? undefined;
  const pathFrom = params.get('pathFrom') ?? undefined;
  const depth = Number(params.get('depth'));
  const walk = params.get('direction') as LineageDirection;
  return (
    <Page themeId="tool">
      <Header
        title="Lineage"
        subtitle="What feeds a dataset, and what breaks if it changes"
      />
      <Content>
        <Box style={{ height: 'calc(100vh - 220px)', minHeight: 560 }}>
          <LineageExplorer
            initialNode={node}
            initialPathFrom={pathFrom}
            initialDepth={LINEAGE_HOPS.includes(depth) ? depth : undefined}
            initialWalk={WALKS.includes(walk) ? walk : undefined}
            // A new start is a step Back returns from; the hops and
            // direction of the same start are not.
            onViewChange={view =>
              update(
                { depth: String(view.depth), direction: view.walk },
                { replace: true },
              )
            }
            onRootChange={(id, view) =>
              update(
                {
                  node: id,
                  pathFrom: undefined,
                  ...(view && {
                    depth: String(view.depth),
                    direction: view.walk,
                  }),
                },
                { replace: false },
              )
            }
          />
        </Box>
      </Content>
    </Page>
  );
}
