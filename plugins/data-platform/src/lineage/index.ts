export { lineageEntityContent, lineageExplorerPage } from './extensions';
export { LineageExplorer } from './components/LineageExplorer';
export type {
  ExplorerView,
  LineageExplorerProps,
} from './components/LineageExplorer';
export { LineageExplorerPage } from './components/LineageExplorerPage';
export { EntityLineageContent } from './components/EntityLineageContent';
export { ColumnLineageView } from './components/ColumnLineageView';
