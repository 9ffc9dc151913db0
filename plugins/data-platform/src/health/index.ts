export {
  pipelineHealthExtensions,
  pipelineHealthPage,
  pipelineHealthEntityContent,
  endpointFreshnessCard,
} from './extensions';
export { OnCallPage } from './oncall/OnCallPage';
export { PipelineHealthContent } from './pipeline/PipelineHealthContent';
export { EndpointFreshnessCard } from './endpoint/EndpointFreshnessCard';
