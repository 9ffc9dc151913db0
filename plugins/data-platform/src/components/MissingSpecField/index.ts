export { MissingSpecField } from './MissingSpecField';
export type { MissingSpecFieldProps } from './MissingSpecField';
