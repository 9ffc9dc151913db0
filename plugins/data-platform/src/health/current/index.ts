export {
  createPipelineHealthColumn,
  withPipelineHealthColumn,
} from './pipelineHealthColumn';
export { PipelineHealthCard } from './PipelineHealthCard';
