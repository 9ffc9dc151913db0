export { dataPlatformApiRef } from './DataPlatformApi';
export type { DataPlatformApi } from './DataPlatformApi';
export { DataPlatformClient } from './DataPlatformClient';
export { dataPlatformApi } from './dataPlatformApiExtension';
