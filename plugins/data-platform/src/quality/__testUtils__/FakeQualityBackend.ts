import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  volumeBand,
  type EndpointQuality,
  type QualityScoreSummary,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Where the tests' discovery API puts the data-platform backend. */
export const BASE_URL = 'http://quality.test';
const API = `${BASE_URL}/api/data-platform/quality`;

type Request = { method: string; path: string; body?: unknown };

/**
 * The quality API at the HTTP layer, following the contract of the
 * backend's routes: the tab's answer with the volume band learned by
 * -common's `volumeBand` from the history and the marks (as the backend
 * does), 202 for a queued run, 403 for callers who may not act, 400 for a
 * partition without a recorded volume. It records every request.
 */
export class FakeQualityBackend {
  readonly endpoints = new Map<string, EndpointQuality>();
  scores: QualityScoreSummary[] = [];
  /** Whether the backend lets the caller run checks and mark volumes (else 403). */
  mayAct = true;
  /** Set to make every request answer with this status. */
  failWith?: number;
  readonly requests: Request[] = [];

  private endpoint(params: Record<string, unknown>) {
    return this.endpoints.get(
      `dataendpoint:${params.namespace}/${params.name}`,
    );
  }

  private withBand(quality: EndpointQuality): EndpointQuality {
    const volume = quality.volume;
    if (!volume?.history.length) return quality;
    const last = [...volume.history].sort((a, b) =>
      b.partition.localeCompare(a.partition),
    )[0];
    const band = volumeBand(
      volume.history.filter(p => p.partition < last.partition),
      last.partition,
      { markedNormal: volume.markedNormal },
    );
    return { ...quality, volume: { ...volume, band } };
  }

  readonly server = setupServer(
    http.get(`${API}/endpoints/:namespace/:name`, ({ request, params }) => {
      this.record('GET', request);
      const quality = this.endpoint(params);
      return quality
        ? HttpResponse.json(this.withBand(quality))
        : error(404, `No data endpoint ${params.name}`);
    }),
    http.post(
      `${API}/endpoints/:namespace/:name/run`,
      async ({ request, params }) => {
        const body = (await this.record('POST', request)) as {
          partition?: string;
        };
        const quality = this.endpoint(params);
        if (!quality) return error(404, 'No data endpoint');
        if (!this.mayAct) return this.refuse(quality);
        quality.queued += 1;
        return HttpResponse.json(
          {
            queued: {
              endpointRef: quality.entityRef,
              ...(body.partition ? { partition: body.partition } : {}),
            },
          },
          { status: 202 },
        );
      },
    ),
    http.post(
      `${API}/endpoints/:namespace/:name/mark-normal`,
      async ({ request, params }) => {
        const body = (await this.record('POST', request)) as {
          partition: string;
        };
        const quality = this.endpoint(params);
        if (!quality?.volume) return error(404, 'No data endpoint');
        if (!this.mayAct) return this.refuse(quality);
        const point = quality.volume.history.find(
          p => Date.parse(p.partition) === Date.parse(body.partition),
        );
        if (!point) {
          return error(
            400,
            `partition: no volume is recorded for ${body.partition}`,
          );
        }
        quality.volume.markedNormal.push(point);
        return HttpResponse.json({
          marked: { partition: body.partition, rows: point.rows },
        });
      },
    ),
    http.post(`${API}/scores`, async ({ request }) => {
      const { entityRefs } = (await this.record('POST', request)) as {
        entityRefs: string[];
      };
      if (this.failWith) return error(this.failWith, 'Service unavailable');
      return HttpResponse.json({
        scores: this.scores.filter(s => entityRefs.includes(s.entityRef)),
      });
    }),
    http.get(`${API}/owners/:kind/:namespace/:name`, ({ request, params }) => {
      this.record('GET', request);
      const owner = `${params.kind}:${params.namespace}/${params.name}`;
      return HttpResponse.json({
        owner,
        scores: [...this.scores].sort((a, b) => a.score - b.score),
      });
    }),
  );

  private async record(method: string, request: globalThis.Request) {
    const body =
      method === 'POST'
        ? await request.json().catch(() => undefined)
        : undefined;
    this.requests.push({
      method,
      path: decodeURIComponent(new URL(request.url).pathname),
      body,
    });
    return body;
  }

  private refuse(quality: EndpointQuality) {
    return error(
      403,
      `Only the owners of ${quality.entityRef} or holders of dataplatform.quality.run may do this`,
    );
  }

  /** The POSTs seen, path and body. */
  posts(): Request[] {
    return this.requests.filter(r => r.method === 'POST');
  }

  /** Intercepts requests for the tests of the calling file, reset before each test. */
  listen() {
    beforeAll(() => this.server.listen({ onUnhandledRequest: 'error' }));
    beforeEach(() => {
      this.endpoints.clear();
      this.scores = [];
      this.mayAct = true;
      this.failWith = undefined;
      this.requests.length = 0;
    });
    afterEach(() => this.server.resetHandlers());
    afterAll(() => this.server.close());
  }
}

function error(status: number, message: string) {
  const names: Record<number, string> = {
    400: 'InputError',
    403: 'NotAllowedError',
    404: 'NotFoundError',
  };
  return HttpResponse.json(
    {
      error: { name: names[status] ?? 'Error', message },
      response: { statusCode: status },
    },
    { status },
  );
}
