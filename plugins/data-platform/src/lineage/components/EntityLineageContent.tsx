import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useLocation } from 'react-router-dom';
import { LineageTabPathContext, tabPathIn } from '../../routes';
import { useQueryUpdate } from '../useQueryUpdate';
import { ColumnLineageView } from './ColumnLineageView';
import { LineageExplorer } from './LineageExplorer';
import { useDeclaredColumns } from './useDeclaredColumns';

/**
 * The Lineage tab of an event type, pipeline or data endpoint. An endpoint
 * has a Columns view too; the query says which view and column are shown
 * (`?view=columns&column=user_id`), so they can be linked to. Links to
 * other endpoints' Columns views use the path this tab is mounted at.
 */
export function EntityLineageContent() {
  const { entity } = useEntity();
  const node = stringifyEntityRef(entity);
  const columns = useDeclaredColumns(entity);
  const [params, update] = useQueryUpdate();
  const entityLink = useEntityRefLink();
  const tabPath = tabPathIn(useLocation().pathname, entityLink(entity));
  const view =
    columns && params.get('view') === 'columns' ? 'columns' : 'graph';
  return (
    <LineageTabPathContext.Provider value={tabPath}>
      <Box
        display="flex"
        flexDirection="column"
        // The graph fills the tab; the Columns view is as long as its tables.
        style={
          view === 'graph'
            ? { height: 'calc(100vh - 260px)', minHeight: 560 }
            : undefined
        }
      >
        {columns && (
          <Tabs
            value={view}
            onChange={(_, v) =>
              update(
                v === 'columns'
                  ? { view: 'columns' }
                  : { view: undefined, column: undefined },
                { replace: true },
              )
            }
            indicatorColor="primary"
            style={{ marginBottom: 8, flexShrink: 0 }}
          >
            <Tab value="graph" label="Graph" />
            <Tab value="columns" label="Columns" />
          </Tabs>
        )}
        {view === 'graph' ? (
          <LineageExplorer initialNode={node} rootColumns={columns} />
        ) : (
          <ColumnLineageView
            node={node}
            columns={columns}
            column={params.get('column') ?? undefined}
            onColumnChange={column => update({ column }, { replace: true })}
          />
        )}
      </Box>
    </LineageTabPathContext.Provider>
  );
}
