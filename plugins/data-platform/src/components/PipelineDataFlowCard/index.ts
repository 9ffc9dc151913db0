export { PipelineDataFlowCard } from './PipelineDataFlowCard';
