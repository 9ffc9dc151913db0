export { PipelineScheduleCard } from './PipelineScheduleCard';
