import { useSearchParams } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { LineageExplorer } from './LineageExplorer';

/**
 * Full-page lineage explorer at /data-lineage; `?node=` picks the start,
 * `&pathFrom=` a node upstream whose path to it is highlighted.
 */
export function LineageExplorerPage() {
  const [params, setParams] = useSearchParams();
  const node = params.get('node') ?? undefined;
  const pathFrom = params.get('pathFrom') ?? undefined;
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
            onRootChange={id => setParams({ node: id })}
          />
        </Box>
      </Content>
    </Page>
  );
}
