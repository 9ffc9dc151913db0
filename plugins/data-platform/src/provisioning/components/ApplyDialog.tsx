import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
} from '@backstage/ui';
import type { ProvisionedResource } from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';
import { changesToApply } from '../format/applySelection';
import type { ApplyOutcome } from '../hooks/useApplyProvisioning';
import { ApplyConfirmation } from './ApplyConfirmation';
import { ApplyOutcomeView } from './ApplyOutcomeView';

/** Props of {@link ApplyDialog}. */
export interface ApplyDialogProps {
  isOpen: boolean;
  /** What the apply changes, in order. */
  resources: ProvisionedResource[];
  applying: boolean;
  outcome?: ApplyOutcome;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Confirms an apply, listing every change and flagging those that take
 * something away; shows progress while it runs, then each change's result
 * or why it failed.
 */
export function ApplyDialog(props: ApplyDialogProps) {
  const { resources, applying, outcome } = props;
  const changes = resources.reduce((n, r) => n + changesToApply(r).length, 0);
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={open => !open && props.onClose()}
      isDismissable={!applying}
      isKeyboardDismissDisabled={applying}
      width="min(720px, calc(100vw - 2rem))"
    >
      <DialogHeader>
        {outcome ? 'Apply: result' : 'Apply these changes?'}
      </DialogHeader>
      <DialogBody>
        {outcome ? (
          <ApplyOutcomeView outcome={outcome} />
        ) : (
          <ApplyConfirmation resources={resources} applying={applying} />
        )}
      </DialogBody>
      <DialogFooter>
        {outcome ? (
          <Button variant="primary" onPress={props.onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button
              variant="secondary"
              isDisabled={applying}
              onPress={props.onClose}
            >
              Cancel
            </Button>
            <Button
              variant="primary"
              isPending={applying}
              isDisabled={changes === 0}
              onPress={props.onConfirm}
            >
              {`Apply ${plural(changes, 'change')}`}
            </Button>
          </>
        )}
      </DialogFooter>
    </Dialog>
  );
}
