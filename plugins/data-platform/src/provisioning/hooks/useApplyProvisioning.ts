import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ApplyResponse } from '@dataplatform/backstage-plugin-data-platform-common';
import { provisioningApiRef } from '../api/ProvisioningApi';
import { backendMessage } from '../format/errors';

/** What an apply is asked for: the chosen resources, or every one of the entity's. */
export type ApplyScope = { resourceIds?: string[] };

/** How the last apply ended. */
export type ApplyOutcome =
  | { status: 'applied'; response: ApplyResponse }
  | { status: 'error'; title: string; description: string };

/** Says why an apply failed; a 403 says who may apply instead. */
export function applyFailure(
  error: unknown,
  ownerName?: string,
): Extract<ApplyOutcome, { status: 'error' }> {
  const message = backendMessage(error);
  if (error instanceof ResponseError && error.statusCode === 403) {
    return {
      status: 'error',
      title: 'You are not allowed to apply this.',
      description: `${message}${
        ownerName ? ` Ask a member of ${ownerName} to apply it.` : ''
      }`,
    };
  }
  const status =
    error instanceof ResponseError
      ? ` (${error.statusCode}${
          error.statusText ? ` ${error.statusText}` : ''
        })`
      : '';
  return {
    status: 'error',
    title: `The apply failed${status}.`,
    description: `${message} Changes made before the error stay applied: check again to see where each resource stands.`,
  };
}

/**
 * The Apply flow: the scope being confirmed (the dialog is open while it is
 * set), the request under way, and its outcome. `onSettled` gets the
 * answer after every apply, or nothing when the request failed.
 */
export function useApplyProvisioning(options: {
  entityRef: string;
  ownerName?: string;
  onSettled: (response?: ApplyResponse) => void;
}) {
  const { entityRef, ownerName, onSettled } = options;
  const api = useApi(provisioningApiRef);
  const [scope, setScope] = useState<ApplyScope>();
  const [applying, setApplying] = useState(false);
  const [outcome, setOutcome] = useState<ApplyOutcome>();

  const open = useCallback((next: ApplyScope) => {
    setOutcome(undefined);
    setScope(next);
  }, []);

  const close = useCallback(() => {
    if (applying) return;
    setScope(undefined);
    setOutcome(undefined);
  }, [applying]);

  const confirm = useCallback(async () => {
    if (!scope) return;
    setApplying(true);
    try {
      const response = await api.applyEntity(
        entityRef,
        scope.resourceIds ? { resources: scope.resourceIds } : {},
      );
      setOutcome({ status: 'applied', response });
      onSettled(response);
    } catch (error) {
      setOutcome(applyFailure(error, ownerName));
      onSettled(undefined);
    } finally {
      setApplying(false);
    }
  }, [api, entityRef, ownerName, onSettled, scope]);

  return { scope, open, close, confirm, applying, outcome };
}
