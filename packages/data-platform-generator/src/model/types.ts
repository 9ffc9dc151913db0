import type {
  PipelineEngine,
  PipelineScheduleType,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ResolvedPlatformOptions } from '../presets';

/**
 * The compact model of a generated platform: indices instead of references,
 * no schemas (they are derived per item when an entity or event is written).
 * Entities and events are materialised from it one at a time, so even the
 * Spotify-size platform stays small in memory.
 */

export interface DomainModel {
  name: string;
  title: string;
  /** Index into `Platform.tribes`. */
  tribe: number;
}

export interface TribeModel {
  name: string;
  domain: number;
}

export interface TeamModel {
  name: string;
  tribe: number;
  domain: number;
  /** The team's system (index into `Platform.systems`). */
  system: number;
  /** Its backend services (indices into `Platform.components`). */
  services: number[];
}

export interface UserModel {
  name: string;
  displayName: string;
  team: number;
}

export interface SystemModel {
  name: string;
  domain: number;
  team: number;
}

export interface ComponentModel {
  name: string;
  type: string;
  team: number;
  system: number;
}

export interface EventTypeModel {
  name: string;
  subject: string;
  action: string;
  /** The client qualifier of the name, if any (`ios-app` for `ios-track-played`). */
  client?: string;
  team: number;
  domain: number;
  /** Producing components. */
  producers: number[];
  partitioning: 'HOUR' | 'DAY';
  retentionDays: number;
  revision: number;
  topic: number;
  rawTable: number;
}

/** What an endpoint is, which decides its store and schema. */
export type EndpointRole =
  | 'topic'
  | 'raw'
  | 'table'
  | 'stream'
  | 'export'
  | 'hub';

export interface EndpointModel {
  name: string;
  role: EndpointRole;
  /** Layer of the pipeline writing it: 0 for topics, 1 for raw tables, 2..8 after. */
  layer: number;
  team: number;
  domain: number;
  /** For topics and raw tables. */
  eventType?: number;
  /** The pipeline writing it; -1 for topics (written by producers). */
  writer: number;
  granularity: 'HOUR' | 'DAY' | 'NONE';
  /** What its rows are about and what they measure (for derived schemas). */
  entity?: string;
  measure?: string;
  dimension?: string;
}

/** A cron schedule the generator uses, with how to find its fire times. */
export interface CronSchedule {
  cron: string;
  description: string;
}

export interface PipelineModel {
  name: string;
  /** 1 = ingest (streaming), 2..8 = transform layers. */
  layer: number;
  team: number;
  domain: number;
  engine: PipelineEngine;
  schedule: PipelineScheduleType;
  /** Index into CRON_SCHEDULES for cron pipelines. */
  cron?: number;
  timezone?: string;
  sla: string;
  inputs: number[];
  outputs: number[];
}

/** A generated data platform. */
export interface Platform {
  options: ResolvedPlatformOptions;
  domains: DomainModel[];
  tribes: TribeModel[];
  teams: TeamModel[];
  users: UserModel[];
  systems: SystemModel[];
  components: ComponentModel[];
  eventTypes: EventTypeModel[];
  endpoints: EndpointModel[];
  /** In topological order: a pipeline's inputs are written by pipelines before it. */
  pipelines: PipelineModel[];
  /** Endpoint indices of the hub datasets, most read first. */
  hubs: number[];
}
