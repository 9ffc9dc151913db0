import { useCallback, useId, useMemo, useState } from 'react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import type { ApplyResponse } from '@dataplatform/backstage-plugin-data-platform-common';
import { backendMessage } from '../format/errors';
import {
  applySelection,
  changesToApply,
  isAppliedWith,
} from '../format/applySelection';
import { inBuildOrder } from '../format/resources';
import { HISTORY_LIMIT, useApplyHistory } from '../hooks/useApplyHistory';
import { useApplyProvisioning } from '../hooks/useApplyProvisioning';
import { useEntityProvisioning } from '../hooks/useEntityProvisioning';
import { ApplyDialog } from './ApplyDialog';
import { ApplyHistory } from './ApplyHistory';
import { InfrastructureSummary } from './InfrastructureSummary';
import { NoResources } from './NoResources';
import { ProvisioningProblems } from './ProvisioningProblems';
import { ResourceCard } from './ResourceCard';

function ownerRefOf(entity: {
  spec?: { owner?: unknown };
  metadata: { namespace?: string };
}): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The Infrastructure tab of DataEndpoint, EventType and Pipeline pages: the
 * resources the catalog describes for the entity, each with its state and
 * plan, Apply (all, or per resource, after a confirmation), Check again,
 * and the apply history.
 */
export function InfrastructureContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const ownerRef = ownerRefOf(entity);
  const applyReasonId = useId();
  const current = useEntityProvisioning(entityRef);
  const { provisioning, show } = current;
  const [historyVersion, setHistoryVersion] = useState(0);
  const history = useApplyHistory(entityRef, historyVersion);
  const onSettled = useCallback(
    (response?: ApplyResponse) => {
      if (response) show(response.provisioning);
      setHistoryVersion(v => v + 1);
    },
    [show],
  );
  const apply = useApplyProvisioning({
    entityRef,
    ownerName: ownerRef ? parseEntityRef(ownerRef).name : undefined,
    onSettled,
  });

  const resources = useMemo(
    () => inBuildOrder(provisioning?.resources ?? []),
    [provisioning],
  );
  const changes = useMemo(
    () =>
      applySelection(resources, entityRef).reduce(
        (n, r) => n + changesToApply(r).length,
        0,
      ),
    [resources, entityRef],
  );
  const selection = useMemo(
    () =>
      apply.scope
        ? applySelection(resources, entityRef, apply.scope.resourceIds)
        : [],
    [apply.scope, resources, entityRef],
  );

  if (!provisioning) {
    if (current.loading) return <Progress />;
    return (
      <ResponseErrorPanel
        error={current.error ?? new Error('No answer')}
        title="Could not load the infrastructure"
      />
    );
  }

  return (
    <Flex direction="column" gap="4">
      <EntityInfoCard title="Infrastructure">
        <InfrastructureSummary
          provisioning={provisioning}
          ownerRef={ownerRef}
          changes={changes}
          applyReasonId={applyReasonId}
          onApplyAll={() => apply.open({})}
          onCheckAgain={current.checkAgain}
          checking={current.checking}
          checkError={current.checkError}
        />
      </EntityInfoCard>
      <ProvisioningProblems
        problems={provisioning.problems}
        entityRef={entityRef}
      />
      {resources.length === 0 && <NoResources entity={entity} />}
      {resources.map(resource => (
        <ResourceCard
          key={resource.id}
          resource={resource}
          appliedHere={isAppliedWith(resource, entityRef, resources)}
          canApply={provisioning.canApply}
          applyReasonId={applyReasonId}
          onApply={id => apply.open({ resourceIds: [id] })}
        />
      ))}
      <EntityInfoCard title="History">
        {history.error && (
          <Text variant="body-small" color="danger" as="p">
            Could not load the history: {backendMessage(history.error)}
          </Text>
        )}
        {!history.error && !history.value && <Progress />}
        {history.value && (
          <ApplyHistory applies={history.value} limit={HISTORY_LIMIT} />
        )}
      </EntityInfoCard>
      <ApplyDialog
        isOpen={!!apply.scope}
        resources={selection}
        applying={apply.applying}
        outcome={apply.outcome}
        onConfirm={apply.confirm}
        onClose={apply.close}
      />
    </Flex>
  );
}
