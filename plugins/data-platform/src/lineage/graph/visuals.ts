import type {
  LineageEdgeSource,
  LineageNodeKind,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Size of a node box in graph coordinates. */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 52;
export const COLUMN_GAP = 96;
export const ROW_GAP = 14;

/** Colour and one-letter badge per kind; chosen to read on light and dark themes. */
export const KIND_STYLE: Record<
  LineageNodeKind,
  { colour: string; badge: string; label: string }
> = {
  EventType: { colour: '#8e44ad', badge: 'E', label: 'Event type' },
  Pipeline: { colour: '#d35400', badge: 'P', label: 'Pipeline' },
  DataEndpoint: { colour: '#1f78b4', badge: 'D', label: 'Data endpoint' },
  Component: { colour: '#2e7d32', badge: 'C', label: 'Component' },
  Dataset: { colour: '#757575', badge: 'D', label: 'Dataset' },
  Job: { colour: '#757575', badge: 'J', label: 'Job' },
};

/** How each edge source is drawn. `both` is a double line. */
export const EDGE_STYLE: Record<
  LineageEdgeSource,
  {
    colour: string;
    dash?: string;
    double?: boolean;
    label: string;
    hint: string;
  }
> = {
  declared: {
    colour: '#5f6b7a',
    label: 'Declared',
    hint: 'in catalog YAML, not (yet) seen in OpenLineage events',
  },
  observed: {
    colour: '#0097a7',
    dash: '7 5',
    label: 'Observed',
    hint: 'seen in OpenLineage events, not declared in the catalog',
  },
  both: {
    colour: '#37474f',
    double: true,
    label: 'Declared and observed',
    hint: 'declared in the catalog and confirmed by OpenLineage events',
  },
};

/** How a pipeline that pipeline health finds late or failed is marked. */
export const PROBLEM_STYLE: Record<
  'late' | 'failed',
  { colour: string; label: string }
> = {
  failed: { colour: '#d32f2f', label: 'Failed' },
  late: { colour: '#f9a825', label: 'Late' },
};

/** Colour of the highlighted path between two chosen nodes. */
export const PATH_COLOUR = '#f59e0b';

/** Shortens a title to fit the node box (the full title is in a tooltip). */
export function fitTitle(title: string, max = 27): string {
  return title.length <= max ? title : `${title.slice(0, max - 1)}…`;
}
