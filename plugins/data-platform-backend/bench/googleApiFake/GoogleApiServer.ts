/*
 * The fake Google REST APIs the GCP provisioner calls (BigQuery v2, Pub/Sub
 * v1) on an HTTP server at 127.0.0.1: it keeps what is created, answers as
 * the real APIs do, enforces Google's quotas (answering rate-limit errors
 * when one is exceeded) and counts every call by API method. It runs in a
 * worker thread of the benchmark (see GoogleApiFake).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BigQueryFake } from './bigQueryFake';
import type { FakeAnswer, FakeRoute, FakeService } from './fakeApi';
import { googleError } from './fakeApi';
import { PubSubFake } from './pubSubFake';
import { QuotaWindows, TimeSource } from './quotas';

/** Calls seen, by API method: all of them, and those refused by a quota. */
export type CallCounts = {
  calls: Record<string, number>;
  rateLimited: Record<string, number>;
  /** Requests the fake has no method for (a gap in the fake, not the provisioner). */
  unknown: string[];
};

const systemTime: TimeSource = { now: () => Date.now() };

export class GoogleApiServer {
  private readonly time = { current: systemTime };
  private quotas = new QuotaWindows(this.time.current);
  readonly bigQuery = new BigQueryFake(this.time);
  readonly pubSub = new PubSubFake(this.time, (p, d, t) =>
    this.bigQuery.hasTable(p, d, t),
  );
  private readonly services: FakeService[] = [this.bigQuery, this.pubSub];
  private counts: CallCounts = { calls: {}, rateLimited: {}, unknown: [] };
  private server?: http.Server;

  /** Starts listening on a free port of 127.0.0.1. */
  async start(): Promise<number> {
    this.server = http.createServer((req, res) => this.serve(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }

  /**
   * Reads time from `time` from now on (the provisioner's clock), with
   * fresh quota windows: what was counted under another clock is gone.
   */
  useTime(time: TimeSource = systemTime): void {
    this.time.current = time;
    this.quotas = new QuotaWindows(time);
  }

  /** The calls counted since the last `takeCounts`, which starts counting anew. */
  takeCounts(): CallCounts {
    const counts = this.counts;
    this.counts = { calls: {}, rateLimited: {}, unknown: [] };
    return counts;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const answer = this.answer(req, Buffer.concat(chunks).toString('utf8'));
      const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        'content-type': 'application/json; charset=UTF-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  }

  private answer(req: http.IncomingMessage, text: string): FakeAnswer {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const service = this.services.find(s =>
      url.pathname.startsWith(`${s.prefix}/`),
    );
    const segments = url.pathname
      .slice(service?.prefix.length ?? 0)
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    let route: FakeRoute | undefined = service?.route(
      req.method ?? 'GET',
      segments,
    );
    if (!service || !route) {
      this.counts.unknown.push(`${req.method} ${url.pathname}`);
      return googleError(
        404,
        'NOT_FOUND',
        `The fake has no method for ${req.method} ${url.pathname}`,
      );
    }
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        'Invalid JSON payload received.',
      );
    }
    if (service === this.bigQuery)
      route = this.bigQuery.quotaKeysOfBody(route, body);
    const { method } = route;
    this.counts.calls[method] = (this.counts.calls[method] ?? 0) + 1;
    const refusal = this.quotas.admit(route);
    if (refusal) {
      this.counts.rateLimited[method] =
        (this.counts.rateLimited[method] ?? 0) + 1;
      return service.rateLimited(refusal);
    }
    const ifMatch = req.headers['if-match'];
    return route.answer({
      verb: req.method ?? 'GET',
      segments,
      query: url.searchParams,
      body,
      ...(typeof ifMatch === 'string' ? { ifMatch } : {}),
    });
  }
}
