/**
 * The data-platform plugin's library for backend modules: the extension
 * points through which modules plug into the data-platform backend, and the
 * types they implement.
 *
 * @packageDocumentation
 */

export * from './openlineage';
export * from './provisioning';
export * from './quality';
