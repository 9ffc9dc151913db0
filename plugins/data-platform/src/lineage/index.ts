export {
  lineageEntityContent,
  lineageExplorerPage,
  lineageExplorerRouteRef,
} from './extensions';
export { LineageExplorer } from './components/LineageExplorer';
export { ColumnLineageView } from './components/ColumnLineageView';
