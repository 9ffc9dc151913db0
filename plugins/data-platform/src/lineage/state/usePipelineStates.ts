import { useEffect, useMemo, useState } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  isProblemState,
  type LineageNode,
  type OnCallRow,
  type ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineHealthApiRef } from '../../api/healthApi';

/** The API's cap on pipelines per request. */
const PER_REQUEST = 1000;
/** The health sweep runs every minute or so: so does the overlay. */
export const PIPELINE_STATES_REFRESH_MS = 60_000;

export type PipelineStatesOverlay = {
  /** Per pipeline on screen that health knows: its on-call status. */
  states: Map<string, OnCallRow>;
  /** The late and failed ones among them, as the graph marks them. */
  problems: Map<string, ProblemState>;
  error?: Error;
};

const NONE: PipelineStatesOverlay = { states: new Map(), problems: new Map() };

function overlayOf(rows: OnCallRow[]): PipelineStatesOverlay {
  const problems = new Map<string, ProblemState>();
  for (const row of rows) {
    if (isProblemState(row.state)) {
      problems.set(row.pipelineRef, row.state);
    }
  }
  return { states: new Map(rows.map(r => [r.pipelineRef, r])), problems };
}

/**
 * The pipeline-health status of the registered pipelines among `nodes`,
 * refreshed every minute while they are shown. Nothing when the app has no
 * pipeline-health API (the health extension is off): the graph stands
 * without it.
 */
export function usePipelineStates(
  nodes: LineageNode[] | undefined,
): PipelineStatesOverlay {
  const healthApi = useApiHolder().get(pipelineHealthApiRef);
  const refs = useMemo(
    () =>
      (nodes ?? [])
        .filter(n => n.kind === 'Pipeline' && n.registered)
        .map(n => n.id)
        .sort(),
    [nodes],
  );
  // The same pipelines after an unrelated change (an expansion that added
  // only endpoints) need no new request.
  const key = refs.join('\n');
  const [overlay, setOverlay] = useState<PipelineStatesOverlay>(NONE);

  useEffect(() => {
    if (!healthApi || key === '') {
      setOverlay(NONE);
      return undefined;
    }
    const wanted = key.split('\n');
    let cancelled = false;
    const load = async () => {
      try {
        const answers = [];
        for (let i = 0; i < wanted.length; i += PER_REQUEST) {
          answers.push(
            await healthApi.getPipelineStates(wanted.slice(i, i + PER_REQUEST)),
          );
        }
        const rows = answers.flatMap(a => a.rows);
        if (!cancelled) setOverlay(overlayOf(rows));
      } catch (e) {
        if (!cancelled) {
          setOverlay(previous => ({ ...previous, error: e as Error }));
        }
      }
    };
    load();
    const timer = setInterval(load, PIPELINE_STATES_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [healthApi, key]);

  return overlay;
}
