import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type {
  HomePageLayoutProps,
  HomePageWidgetData,
} from '@backstage/plugin-home-react/alpha';
import { Box, Container, Grid, PluginHeader } from '@backstage/ui';

/** The search plugin's home page widget (`home-page-widget:search/search-bar`). */
export const SEARCH_BAR_WIDGET = 'HomePageSearchBar';

type Span = '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12';

/**
 * Columns of 12 a card spans on a wide screen: the width its widget asks
 * for (the notifications and templates cards ask for half), a third at
 * least.
 */
export function cardSpan(widget: HomePageWidgetData): Span {
  const asked = widget.layout?.width?.defaultColumns ?? 4;
  return String(Math.min(12, Math.max(4, Math.round(asked)))) as Span;
}

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
        <Grid.Root columns={{ initial: '1', md: '12' }} gap="4">
          {cards.map((widget, index) => (
            <Grid.Item
              key={widget.name ?? index}
              colSpan={{ initial: '1', md: cardSpan(widget) }}
            >
              {widget.component}
            </Grid.Item>
          ))}
        </Grid.Root>
      </Container>
    </>
  );
}
