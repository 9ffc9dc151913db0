import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AlertState,
  PipelineAlert,
  pipelineHealthOnCallPermission,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  CatalogReadAccess,
  UnreadableEntities,
} from '../../CatalogReadAccess';
import type { QualityCatalogStore } from '../../Quality/store/QualityCatalogStore';
import { visibleAlert } from '../queries/visibleHealth';
import { AlertRecord, AlertStore, toPipelineAlert } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';

const MAX_SNOOZE_MS = 30 * 86_400_000;
const LIVE: AlertState[] = ['open', 'acknowledged', 'snoozed'];

/** An alert the caller may act on, who they are, and what else they may read. */
type Authorized = {
  alert: AlertRecord;
  actor: string;
  unreadableOf: UnreadableEntities;
};

/**
 * Acknowledge, snooze and resolve, for the pipeline's owners (a team among
 * the caller's ownership refs; for bad data no known pipeline wrote, the
 * endpoint's owners) and for whoever a permission policy grants the
 * on-call permission. Everyone else gets a 403, or a 404 when they may not
 * read the pipeline (or endpoint) in the catalog, as for an unknown alert.
 */
export class AlertActions {
  private readonly alerts: AlertStore;
  private readonly pipelines: PipelineStore;

  constructor(
    private readonly options: {
      alerts: AlertStore;
      pipelines: PipelineStore;
      /** Owners of the endpoints that bad-data alerts can be about. */
      endpoints: QualityCatalogStore;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      reads: CatalogReadAccess;
    },
  ) {
    this.alerts = options.alerts;
    this.pipelines = options.pipelines;
  }

  async acknowledge(
    id: string,
    credentials: BackstageCredentials,
    now: number,
    note?: string,
  ): Promise<PipelineAlert> {
    const authorized = await this.authorized(id, credentials);
    const { actor } = authorized;
    return this.apply(authorized, ['open', 'snoozed', 'acknowledged'], now, {
      change: {
        state: 'acknowledged',
        acknowledgedBy: actor,
        acknowledgedAt: now,
        snoozedUntil: null,
      },
      event: { action: 'acknowledged', by: actor, at: now, note },
    });
  }

  async snooze(
    id: string,
    credentials: BackstageCredentials,
    now: number,
    until: number,
    note?: string,
  ): Promise<PipelineAlert> {
    if (until <= now) throw new InputError('until: must be in the future');
    if (until - now > MAX_SNOOZE_MS)
      throw new InputError('until: must be at most 30 days ahead');
    const authorized = await this.authorized(id, credentials);
    const { actor } = authorized;
    return this.apply(authorized, LIVE, now, {
      change: { state: 'snoozed', snoozedUntil: until },
      event: {
        action: 'snoozed',
        by: actor,
        at: now,
        note: note ?? `until ${new Date(until).toISOString()}`,
      },
    });
  }

  async resolve(
    id: string,
    credentials: BackstageCredentials,
    now: number,
    note?: string,
  ): Promise<PipelineAlert> {
    const authorized = await this.authorized(id, credentials);
    const { actor } = authorized;
    return this.apply(authorized, LIVE, now, {
      change: {
        state: 'resolved',
        resolvedAt: now,
        resolvedBy: actor,
        snoozedUntil: null,
      },
      event: { action: 'resolved', by: actor, at: now, note },
    });
  }

  /** The alert and who acts on it, or NotFoundError / NotAllowedError. */
  private async authorized(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Authorized> {
    const [alert, unreadableOf] = await Promise.all([
      this.alerts.get(id),
      this.options.reads.forCaller(credentials),
    ]);
    if (
      !alert ||
      (await unreadableOf([alert.pipelineRef])).has(alert.pipelineRef)
    ) {
      throw new NotFoundError(`No alert "${id}"`);
    }
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const actor = principal.userEntityRef ?? principal.subject ?? 'unknown';
    if (principal.type === 'user') {
      const owner = await this.ownerOf(alert);
      const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
        credentials,
      );
      if (owner && ownershipEntityRefs.includes(owner)) {
        return { alert, actor, unreadableOf };
      }
    }
    const [decision] = await this.options.permissions.authorize(
      [{ permission: pipelineHealthOnCallPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${alert.pipelineRef} or holders of ${pipelineHealthOnCallPermission.name} may change this alert`,
      );
    }
    return { alert, actor, unreadableOf };
  }

  /** The owner of what the alert is about: its pipeline, or its endpoint. */
  private async ownerOf(alert: AlertRecord): Promise<string | undefined> {
    const pipeline = await this.pipelines.get(alert.pipelineRef);
    if (pipeline || alert.problem !== 'bad_data') return pipeline?.owner;
    return (await this.options.endpoints.endpoint(alert.pipelineRef))?.owner;
  }

  private async apply(
    { alert, unreadableOf }: Authorized,
    expected: AlertState[],
    now: number,
    update: {
      change: Parameters<AlertStore['change']>[2];
      event: Parameters<AlertStore['change']>[3][number];
    },
  ): Promise<PipelineAlert> {
    if (!expected.includes(alert.state)) {
      throw new ConflictError(`Alert ${alert.id} is ${alert.state}`);
    }
    const applied = await this.alerts.change(
      alert.id,
      expected,
      update.change,
      [update.event],
      now,
    );
    const current = (await this.alerts.get(alert.id))!;
    if (!applied)
      throw new ConflictError(`Alert ${alert.id} is ${current.state}`);
    const history = await this.alerts.history([alert.id]);
    return visibleAlert(
      toPipelineAlert(current, history.get(alert.id) ?? []),
      unreadableOf,
    );
  }
}
