import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { Box, Container, Grid, PluginHeader } from '@backstage/ui';

/** The search plugin's home page widget (`home-page-widget:search/search-bar`). */
export const SEARCH_BAR_WIDGET = 'HomePageSearchBar';

/**
 * The home page: the portal's name, the search bar across the top, then
 * the other widgets as cards in the order the app lists them.
 */
export function HomePageLayout(props: HomePageLayoutProps) {
  const title =
    useApi(configApiRef).getOptionalString('app.title') ?? 'Backstage';
  const searchBar = props.widgets.find(w => w.name === SEARCH_BAR_WIDGET);
  const cards = props.widgets.filter(w => w !== searchBar);
  return (
    <>
      <PluginHeader title={title} />
      <Container my="6">
        {searchBar && <Box mb="6">{searchBar.component}</Box>}
        <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
          {cards.map((widget, index) => (
            <Grid.Item key={widget.name ?? index}>{widget.component}</Grid.Item>
          ))}
        </Grid.Root>
      </Container>
    </>
  );
}
