import { ResponseError } from '@backstage/errors';
import type {
  EndpointPii,
  PiiFinding,
  PiiFindingsPage,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  PersonalDataApi,
  PiiFindingsQuery,
} from '../../api/personalDataApi';

/** A backend answer that is not ok, as the client throws it. */
async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 404 ? 'NotFoundError' : 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/**
 * The personal-data API as the backend answers it: endpoints by ref (404
 * for one it has never seen), findings by owner a page at a time with those
 * on unreadable endpoints counted as hidden. Records the queries.
 */
export class FakePersonalDataApi implements PersonalDataApi {
  readonly endpoints = new Map<string, EndpointPii>();
  findings: PiiFinding[] = [];
  /** Findings on endpoints the caller may not read, by owner. */
  hidden = new Map<string, number>();
  failWith?: number;
  readonly findingQueries: PiiFindingsQuery[] = [];

  async getEndpointPii(endpointRef: string): Promise<EndpointPii> {
    if (this.failWith)
      throw await responseError(this.failWith, 'Backend failed');
    const answer = this.endpoints.get(endpointRef);
    if (!answer) throw await responseError(404, `No endpoint "${endpointRef}"`);
    return answer;
  }

  async getPiiFindings(query: PiiFindingsQuery = {}): Promise<PiiFindingsPage> {
    this.findingQueries.push(query);
    if (this.failWith)
      throw await responseError(this.failWith, 'Backend failed');
    const mine = this.findings.filter(
      f => !query.owner || f.owner === query.owner,
    );
    const offset = query.offset ?? 0;
    const hidden = query.owner ? this.hidden.get(query.owner) : undefined;
    return {
      items: mine.slice(offset, offset + (query.limit ?? 50)),
      total: mine.length,
      ...(hidden ? { hidden } : {}),
    };
  }
}
