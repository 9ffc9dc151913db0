export { dataPlatformPlugin as default } from './plugin';
