import {
  durationInWords,
  stateDuration,
} from '@dataplatform/backstage-plugin-data-platform';
import type { OnCallRow } from '@dataplatform/backstage-plugin-data-platform-common';

const STATE_WORDS: Partial<Record<OnCallRow['state'], string>> = {
  late: 'Late',
  failed: 'Failed',
  bad_data: 'Bad data',
};

/**
 * What is wrong with a pipeline, in a few words: "Late by 2 h", "Failed
 * for 1 d 3 h", "Bad data for 20 min", with "caused upstream" when its root
 * cause is another pipeline's partition.
 */
export function pipelineProblemWords(
  row: Pick<OnCallRow, 'state' | 'lateByMs' | 'since' | 'rootCause'>,
  now: number = Date.now(),
): string {
  const state = STATE_WORDS[row.state] ?? row.state.replace(/_/g, ' ');
  let words = state;
  if (row.state === 'late' && row.lateByMs !== undefined) {
    words = `Late by ${durationInWords(row.lateByMs)}`;
  } else if (row.since) {
    words = `${state} ${stateDuration(row.since, now)}`;
  }
  return row.rootCause?.chain.length ? `${words}, caused upstream` : words;
}
