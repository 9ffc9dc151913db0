import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  isProblemState,
  isVisibleStep,
  type EndpointFreshness,
  type OnCallPage,
  type OnCallRow,
  type PipelineAlert,
  type PipelineHealth,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { guestOwnership, onCallRows } from './healthFixtures';

/** Where the tests' discovery API puts the data-platform backend. */
export const BASE_URL = 'http://health.test';
const API = `${BASE_URL}/api/data-platform/health`;

const SEVERITY_RANK = { critical: 0, high: 1, normal: 2, low: 3 } as const;
const STATE_RANK: Record<string, number> = { failed: 0, late: 1 };

function severityOrder(a: OnCallRow, b: OnCallRow): number {
  const severity = (row: OnCallRow) =>
    row.alert ? SEVERITY_RANK[row.alert.severity] : 9;
  const state = (row: OnCallRow) => STATE_RANK[row.state] ?? 9;
  return (
    severity(a) - severity(b) ||
    state(a) - state(b) ||
    ageOrder(a, b) ||
    a.pipelineRef.localeCompare(b.pipelineRef)
  );
}

function ageOrder(a: OnCallRow, b: OnCallRow): number {
  const since = (row: OnCallRow) =>
    row.since ? Date.parse(row.since) : Number.MAX_SAFE_INTEGER;
  return since(a) - since(b);
}

/**
 * A fake data-platform health API at the HTTP layer, following the contract
 * in -common: filters, sorts and pages the on-call list, and refuses alert
 * actions (403) on pipelines the acting user's teams do not own. It records
 * every request for assertions.
 */
export class FakeHealthBackend {
  rows: OnCallRow[] = onCallRows();
  /** Endpoints with bad data that no pipeline writes, for the first page. */
  endpointRows: OnCallRow[] = [];
  pipelines = new Map<string, PipelineHealth>();
  endpoints = new Map<string, EndpointFreshness>();
  /** Ownership refs of the user acting on alerts. */
  actingOwnership: string[] = guestOwnership;
  /**
   * Pipelines the viewer may not read in the catalog: left out of the
   * on-call page (and counted), unnamed in root causes, as the backend does.
   */
  unreadable = new Set<string>();
  /** Set to make every request answer with this status. */
  failWith?: number;
  /** Set to hold every GET for this long (loading states). */
  delayMs = 0;
  readonly requests: { method: string; url: URL; body?: unknown }[] = [];

  readonly server = setupServer(
    http.get(`${API}/oncall`, async ({ request }) => {
      const url = new URL(request.url);
      this.requests.push({ method: 'GET', url });
      await delay(this.delayMs);
      if (this.failWith) return this.error(this.failWith);
      const owners = url.searchParams.get('owners')?.split(',').filter(Boolean);
      const filter = url.searchParams.get('filter') ?? 'problems';
      const sort = url.searchParams.get('sort') ?? 'severity';
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const matching = this.rows
        .filter(row => !owners || owners.includes(row.owner))
        .filter(row => filter === 'all' || isProblemState(row.state));
      const comparators = {
        name: (a: OnCallRow, b: OnCallRow) =>
          a.pipelineRef.localeCompare(b.pipelineRef),
        age: ageOrder,
        severity: severityOrder,
      };
      const comparator =
        comparators[sort as keyof typeof comparators] ?? severityOrder;
      const rows = [...matching].sort(comparator).slice(offset, offset + limit);
      const shown = rows
        .filter(row => !this.unreadable.has(row.pipelineRef))
        .map(row => this.withoutUnreadable(row));
      const hidden = rows.length - shown.length;
      const page: OnCallPage = {
        rows: shown,
        total: matching.length,
        ...(hidden > 0 ? { hidden } : {}),
        ...(offset === 0
          ? {
              endpoints: this.endpointRows.filter(
                row => !owners || owners.includes(row.owner),
              ),
            }
          : {}),
      };
      return HttpResponse.json(page);
    }),
    http.get(
      `${API}/pipelines/:namespace/:name`,
      async ({ request, params }) => {
        this.requests.push({ method: 'GET', url: new URL(request.url) });
        await delay(this.delayMs);
        if (this.failWith) return this.error(this.failWith);
        const ref = `pipeline:${params.namespace}/${params.name}`;
        const health = this.pipelines.get(ref);
        return health
          ? HttpResponse.json(health)
          : this.error(404, `No health for ${ref}`);
      },
    ),
    http.get(
      `${API}/endpoints/:namespace/:name/freshness`,
      async ({ request, params }) => {
        this.requests.push({ method: 'GET', url: new URL(request.url) });
        await delay(this.delayMs);
        if (this.failWith) return this.error(this.failWith);
        const ref = `dataendpoint:${params.namespace}/${params.name}`;
        const freshness = this.endpoints.get(ref);
        return freshness
          ? HttpResponse.json(freshness)
          : this.error(404, `No freshness for ${ref}`);
      },
    ),
    http.post(`${API}/alerts/:id/:action`, async ({ request, params }) => {
      const body = await request.json().catch(() => undefined);
      this.requests.push({ method: 'POST', url: new URL(request.url), body });
      const id = String(params.id);
      const row = this.rows.find(r => r.alert?.id === id);
      const health = [...this.pipelines.values()].find(h =>
        h.alerts.some(a => a.id === id),
      );
      const owner = row?.owner ?? this.ownerOf(health?.pipelineRef);
      if (!row && !health) return this.error(404, `No alert ${id}`);
      if (!owner || !this.actingOwnership.includes(owner)) {
        return this.error(
          403,
          `Only the owners of the pipeline or on-call engineers may change alert ${id}`,
        );
      }
      const state = (
        {
          acknowledge: 'acknowledged',
          snooze: 'snoozed',
          resolve: 'resolved',
        } as const
      )[String(params.action) as 'acknowledge' | 'snooze' | 'resolve'];
      const until = (body as { until?: string } | undefined)?.until;
      if (row?.alert) {
        row.alert = { ...row.alert, state, snoozedUntil: until };
      }
      const alert = this.updateAlert(id, state, until);
      return HttpResponse.json(
        alert ??
          ({ id, state, pipelineRef: row?.pipelineRef } as PipelineAlert),
      );
    }),
  );

  /** Owners of pipelines known only by their health, for 403 decisions. */
  readonly owners = new Map<string, string>();

  private ownerOf(pipelineRef?: string) {
    if (!pipelineRef) return undefined;
    return (
      this.owners.get(pipelineRef) ??
      this.rows.find(r => r.pipelineRef === pipelineRef)?.owner
    );
  }

  private updateAlert(
    id: string,
    state: PipelineAlert['state'],
    until?: string,
  ): PipelineAlert | undefined {
    for (const health of this.pipelines.values()) {
      const alert = health.alerts.find(a => a.id === id);
      if (alert) {
        const at = new Date().toISOString();
        alert.state = state;
        alert.snoozedUntil = until;
        if (state === 'acknowledged') {
          alert.acknowledgedBy = 'user:development/guest';
          alert.acknowledgedAt = at;
        }
        alert.history.push({
          at,
          action: state as 'acknowledged' | 'snoozed' | 'resolved',
          by: 'user:development/guest',
        });
        return alert;
      }
    }
    return undefined;
  }

  private withoutUnreadable(row: OnCallRow): OnCallRow {
    if (!row.rootCause) return row;
    const chain = row.rootCause.chain.map(step =>
      isVisibleStep(step) && this.unreadable.has(step.pipelineRef)
        ? {
            hidden: true as const,
            partition: step.partition,
            state: step.state,
          }
        : step,
    );
    const { rootCauseOwner, ...rest } = row;
    const root = chain[chain.length - 1];
    return {
      ...rest,
      rootCause: { chain },
      ...(rootCauseOwner && isVisibleStep(root) ? { rootCauseOwner } : {}),
    };
  }

  private error(status: number, message = `Request failed with ${status}`) {
    const names: Record<number, string> = {
      403: 'NotAllowedError',
      404: 'NotFoundError',
    };
    const name = names[status] ?? 'Error';
    return HttpResponse.json(
      { error: { name, message }, response: { statusCode: status } },
      { status },
    );
  }

  /** The query of the last on-call request. */
  lastOnCallQuery(): URLSearchParams | undefined {
    const last = [...this.requests]
      .reverse()
      .find(r => r.url.pathname.endsWith('/health/oncall'));
    return last?.url.searchParams;
  }

  /** Back to the example platform's state, with no requests seen. */
  reset() {
    this.rows = onCallRows();
    this.endpointRows = [];
    this.pipelines.clear();
    this.endpoints.clear();
    this.owners.clear();
    this.unreadable = new Set();
    this.actingOwnership = guestOwnership;
    this.failWith = undefined;
    this.delayMs = 0;
    this.requests.length = 0;
  }

  /** Intercepts requests for the tests of the calling file, reset before each test. */
  listen() {
    beforeAll(() => this.server.listen({ onUnhandledRequest: 'error' }));
    beforeEach(() => this.reset());
    afterEach(() => this.server.resetHandlers());
    afterAll(() => this.server.close());
  }
}
