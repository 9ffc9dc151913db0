import type { PlannedChange } from '@dataplatform/backstage-plugin-data-platform-common';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';

export const applied = (change: PlannedChange): ChangeResult => ({
  change,
  status: 'applied',
});

export const failed = (
  change: PlannedChange,
  message: string,
): ChangeResult => ({
  change,
  status: 'failed',
  message,
});

/** A change found already made (by an earlier apply, or by hand). */
export const alreadySo = (change: PlannedChange): ChangeResult => ({
  change,
  status: 'skipped',
  message: 'already so',
});
