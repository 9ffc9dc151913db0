import type { PipelineEntity } from '@dataplatform/backstage-plugin-data-platform-common';

type Schedule = PipelineEntity['spec']['schedule'];

/**
 * A pipeline's schedule the way an on-call engineer says it: "hourly",
 * "daily", "streaming", or "cron 0 3 * * * (Europe/Stockholm)". A time zone
 * other than UTC is named for every batch schedule, since it moves the
 * partition boundaries.
 */
export function scheduleInWords(schedule: Schedule | undefined): string {
  if (!schedule?.type) {
    return 'not scheduled';
  }
  const zone =
    schedule.timezone && schedule.timezone !== 'UTC'
      ? schedule.timezone
      : undefined;
  switch (schedule.type) {
    case 'streaming':
      return 'streaming';
    case 'cron':
      return `cron ${schedule.cron?.trim() ?? '?'} (${
        schedule.timezone ?? 'UTC'
      })`;
    default:
      return zone ? `${schedule.type} (${zone})` : schedule.type;
  }
}
