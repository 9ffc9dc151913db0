import { Fragment } from 'react';
import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import {
  withPipelineHealthColumn,
  withQualityScoreColumn,
} from '@dataplatform/backstage-plugin-data-platform';
import { withDataPlatformColumns } from './dataPlatformColumns';

/**
 * The catalog's own columns, the Type column naming the data platform's
 * kinds, plus the quality score when the list shows DataEndpoints and the
 * current health when it shows Pipelines.
 */
const columns = withPipelineHealthColumn(
  withQualityScoreColumn(
    withDataPlatformColumns(CatalogTable.defaultColumnsFunc),
  ),
);

/**
 * The catalog page (`page:catalog`) with a Quality column for
 * DataEndpoints. The page extension takes no columns, so this override
 * renders the same page component with the filters and config the page
 * extension is given, and the columns added. Export customizations from
 * other extensions (`catalog-export-config`) are not passed on; the
 * `exportSettings` config is.
 */
const catalogIndexPage = catalogPlugin.getExtension('page:catalog').override({
  factory(originalFactory, { inputs, config }) {
    return originalFactory({
      params: {
        loader: async () => (
          <CatalogIndexPage
            filters={inputs.filters.map(filter => (
              <Fragment key={filter.node.spec.id}>
                {filter.get(coreExtensionData.reactElement)}
              </Fragment>
            ))}
            pagination={config.pagination}
            exportSettings={
              config.exportSettings?.enabled ? config.exportSettings : undefined
            }
            columns={columns}
          />
        ),
      },
    });
  },
});

/** The app's changes to the catalog plugin. */
export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogIndexPage],
});
