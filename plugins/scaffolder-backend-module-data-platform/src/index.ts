/**
 * Scaffolder actions of the data platform: validate an event type's schema
 * (field rules and compatibility), render its catalog YAML, publish it to a
 * local catalog directory (the embedded default), register it and provision
 * its infrastructure through the data-platform backend.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
export { createEventTypeValidateAction } from './actions/eventTypeValidate';
export { createEventTypeRenderAction } from './actions/eventTypeRender';
export { createPublishLocalAction } from './actions/publishLocal';
export { createEventTypeRegisterAction } from './actions/eventTypeRegister';
export { createProvisioningApplyAction } from './actions/provisioningApply';
