/*
 * The data platform portal's backend: Backstage's catalog, scaffolder,
 * search, notifications and sign-in, with the data platform's own plugins
 * (lineage, OpenLineage ingestion, pipeline health and provisioning; the
 * local warehouse that provisioning fills in development; the catalog module
 * for the EventType, Pipeline and DataEndpoint kinds; the scaffolder actions
 * that register event types). It also serves the built frontend app.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin: guest sign-in only (see auth.providers in app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Logs entities that fail processing.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Lists entities that never passed processing (e.g. invalid EventType YAML),
// shown on the app's unprocessed-entities page.
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

// permission plugin with the data platform's policy: owners from the catalog,
// admin and on-call groups from dataPlatform.permissions, OpenLineage writes
// for service principals only. A company's own policy module replaces it.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@dataplatform/backstage-plugin-permission-backend-module-data-platform-policy'
  ),
);

// search plugin: PostgreSQL's full-text search when the database is
// PostgreSQL, otherwise Lunr in memory
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// every schema field of event types and data endpoints (type data-platform-field)
backend.add(
  import('@dataplatform/backstage-plugin-search-backend-module-data-platform'),
);

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// events plugin: its event bus (PostgreSQL-backed) carries signals, and so
// live notifications, to users connected to any backend instance
backend.add(import('@backstage/plugin-events-backend'));

// mcp actions plugin: the actions of backend.actions.pluginSources as MCP tools
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// the data platform
backend.add(import('@dataplatform/backstage-plugin-data-platform-backend'));
// provisions the catalog's tables into a local warehouse (SQLite by default)
backend.add(
  import(
    '@dataplatform/backstage-plugin-data-platform-backend-module-local-warehouse'
  ),
);
backend.add(
  import('@dataplatform/backstage-plugin-catalog-backend-module-data-platform'),
);
backend.add(
  import(
    '@dataplatform/backstage-plugin-scaffolder-backend-module-data-platform'
  ),
);
backend.start();
