import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { dataPlatformCatalogGraphModule } from '@dataplatform/backstage-plugin-data-platform';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { catalogModule } from './modules/catalog';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    // the catalog list shows DataEndpoints' quality scores
    catalogModule,
    // catalog-graph learns the data platform's relations (readsFrom/readBy, ...)
    dataPlatformCatalogGraphModule,
  ],
});
