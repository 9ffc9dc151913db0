import { createFrontendModule } from '@backstage/frontend-plugin-api';
import homePlugin from '@backstage/plugin-home/alpha';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

/** The home page: the search bar first, then the cards below it. */
const homePageLayout = HomePageLayoutBlueprint.make({
  name: 'data-platform',
  params: {
    loader: () => import('./HomePageLayout').then(m => m.HomePageLayout),
  },
});

const teamPipelinesWidget = HomePageWidgetBlueprint.make({
  name: 'team-pipelines',
  params: {
    name: 'TeamPipelines',
    title: "Your teams' pipelines",
    description:
      "The signed-in user's teams' pipelines that are late or failed now",
    layout: { width: { defaultColumns: 6 } },
    components: () =>
      import('./TeamPipelinesCard').then(m => ({
        Content: m.TeamPipelinesCard,
      })),
  },
});

const teamDataWidget = HomePageWidgetBlueprint.make({
  name: 'team-data',
  params: {
    name: 'TeamData',
    title: "Your teams' event types and endpoints",
    description:
      "The event types and data endpoints the signed-in user's teams own",
    layout: { width: { defaultColumns: 6 } },
    components: () =>
      import('./TeamDataCard').then(m => ({ Content: m.TeamDataCard })),
  },
});

const schemaChangesWidget = HomePageWidgetBlueprint.make({
  name: 'schema-changes',
  params: {
    name: 'SchemaChanges',
    title: 'Recent schema changes',
    description: 'The latest revisions of event type schemas',
    layout: { width: { defaultColumns: 6 } },
    components: () =>
      import('./RecentSchemaChangesCard').then(m => ({
        Content: m.RecentSchemaChangesCard,
      })),
  },
});

const dataCatalogWidget = HomePageWidgetBlueprint.make({
  name: 'data-catalog',
  params: {
    name: 'DataCatalog',
    title: 'The platform in numbers',
    description: "The data platform's kinds in the catalog, and how many",
    components: () =>
      import('./DataCatalogCard').then(m => ({ Content: m.DataCatalogCard })),
  },
});

const lineageExplorerWidget = HomePageWidgetBlueprint.make({
  name: 'lineage-explorer',
  params: {
    name: 'LineageExplorer',
    title: 'Lineage',
    description: 'A link to the lineage explorer',
    components: () =>
      import('./PageLinkCards').then(m => ({
        Content: m.LineageExplorerCard,
      })),
  },
});

const onCallWidget = HomePageWidgetBlueprint.make({
  name: 'on-call',
  params: {
    name: 'OnCall',
    title: 'Pipeline health',
    description: 'A link to the on-call page',
    components: () =>
      import('./PageLinkCards').then(m => ({ Content: m.OnCallCard })),
  },
});

/**
 * The home plugin's demo widgets, off: the random joke calls a service on
 * the internet, the toolkit and world clock come configured for someone
 * else, and the visit widgets need visit tracking, which is off.
 */
const demoWidgetsOff = (
  [
    'home-page-widget:home/random-joke',
    'home-page-widget:home/toolkit',
    'home-page-widget:home/world-clock',
    'home-page-widget:home/most-visited',
    'home-page-widget:home/recently-visited',
  ] as const
).map(id => homePlugin.getExtension(id).override({ disabled: true }));

/**
 * The portal's home page on top of the home plugin's page: its layout, the
 * signed-in user's teams' pipelines, event types and endpoints, recent
 * schema changes, the platform's numbers, the cards that lead into the data
 * platform, and none of the demo widgets.
 */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    homePageLayout,
    teamPipelinesWidget,
    teamDataWidget,
    schemaChangesWidget,
    dataCatalogWidget,
    lineageExplorerWidget,
    onCallWidget,
    ...demoWidgetsOff,
  ],
});
