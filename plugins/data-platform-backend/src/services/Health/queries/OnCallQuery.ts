import {
  OnCallPage,
  OnCallQuery as OnCallQueryParams,
  OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { parseBadDataDetails } from '../badData/badDataDetails';
import { CURRENT_STATE_COLUMNS, CurrentState } from '../current/CurrentState';
import { AlertStore } from '../store/AlertStore';

const TABLE = 'health_pipelines';

const iso = (ms: unknown) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();

/**
 * The on-call list: every pipeline's current status as the last sweep left
 * it, filtered by owners and "problems now", sorted and paged in the
 * database (an index on problem, severity and since serves the default).
 */
export class OnCallQuery {
  private readonly alerts: AlertStore;
  private readonly current: CurrentState;

  constructor(private readonly db: Knex) {
    this.alerts = new AlertStore(db);
    this.current = new CurrentState(db);
  }

  async list(
    query: Required<
      Pick<OnCallQueryParams, 'filter' | 'sort' | 'offset' | 'limit'>
    > &
      Pick<OnCallQueryParams, 'owners'> & {
        /** Only these pipelines (entity refs). */
        pipelines?: string[];
      },
    now: number,
  ): Promise<OnCallPage> {
    const where = (q: Knex.QueryBuilder) => {
      if (query.owners && query.owners.length > 0)
        q.whereIn('owner', query.owners);
      if (query.pipelines) q.whereIn('entity_ref', query.pipelines);
      if (query.filter === 'problems') q.where('status_problem', 1);
      return q;
    };
    const page = where(
      this.db(TABLE).select(
        ...CURRENT_STATE_COLUMNS,
        'title',
        'owner',
        'lifecycle',
      ),
    );
    if (query.sort === 'name') {
      page.orderBy('title').orderBy('entity_ref');
    } else if (query.sort === 'age') {
      page
        .orderBy('status_since', 'asc', 'last')
        .orderBy('status_severity', 'desc')
        .orderBy('entity_ref');
    } else {
      page
        .orderBy('status_severity', 'desc')
        .orderBy('status_since', 'asc', 'last')
        .orderBy('entity_ref');
    }
    const [rows, [{ total }]]: [Record<string, any>[], { total: unknown }[]] =
      await Promise.all([
        page.offset(query.offset).limit(query.limit),
        where(this.db(TABLE).count({ total: '*' })),
      ]);

    const endpoints =
      query.pipelines || query.offset > 0
        ? undefined
        : await this.endpointsWithBadData(query.owners);
    const current = await this.current.fromRows(rows, now);
    return {
      total: Number(total),
      ...(endpoints ? { endpoints } : {}),
      rows: rows.map(
        (row): OnCallRow => ({
          pipelineRef: row.entity_ref,
          title: row.title,
          owner: row.owner ?? '',
          lifecycle: row.lifecycle,
          ...current.get(row.entity_ref)!,
        }),
      ),
    };
  }

  /**
   * The live bad-data alerts whose subject is an endpoint (no pipeline
   * health knows writes it), worst first, with the endpoint's title and
   * owner from quality's copy of the catalog.
   */
  private async endpointsWithBadData(owners?: string[]): Promise<OnCallRow[]> {
    const q = this.db('health_alerts as a')
      .join('quality_endpoints as e', 'e.entity_ref', 'a.pipeline_ref')
      .select('a.id', 'e.entity_ref', 'e.title', 'e.owner')
      .where('a.problem', 'bad_data')
      .whereNot('a.state', 'resolved')
      .orderBy('a.opened_at')
      .orderBy('a.id');
    if (owners && owners.length > 0) q.whereIn('e.owner', owners);
    const found: Record<string, any>[] = await q;
    const alerts = new Map(
      (await this.alerts.getMany(found.map(r => r.id))).map(a => [a.id, a]),
    );
    return found.flatMap((row): OnCallRow[] => {
      const alert = alerts.get(row.id);
      if (!alert) return [];
      return [
        {
          pipelineRef: row.entity_ref,
          title: row.title,
          owner: row.owner,
          lifecycle: '',
          state: 'bad_data',
          ...(alert.partitionStart !== undefined
            ? { partition: iso(alert.partitionStart) }
            : {}),
          since: iso(alert.openedAt),
          alert: {
            id: alert.id,
            state: alert.state,
            severity: alert.severity,
            ...(alert.snoozedUntil !== undefined
              ? { snoozedUntil: iso(alert.snoozedUntil)! }
              : {}),
            ...(alert.details
              ? { failedChecks: parseBadDataDetails(alert.details).checks }
              : {}),
          },
        },
      ];
    });
  }
}
