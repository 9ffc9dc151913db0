/**
 * Provisions the data platform on Google Cloud: BigQuery datasets and
 * tables, Pub/Sub topics, schemas, subscriptions and deliveries, through
 * the official clients, as a provisioner of the data-platform backend.
 *
 * @packageDocumentation
 */

export { dataPlatformModuleGcp as default } from './module';
export { GcpProvisioner } from './GcpProvisioner';
export type { GcpProvisionerOptions } from './GcpProvisioner';
export { readGcpProvisioningConfig } from './config';
export type { GcpProvisioningConfig } from './config';
export type { GoogleClientOptions } from './clients';
export type { Clock } from './calls/clock';
