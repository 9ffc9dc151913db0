export { SpecField, SpecFieldGrid } from './SpecField';
export type { SpecFieldProps } from './SpecField';
