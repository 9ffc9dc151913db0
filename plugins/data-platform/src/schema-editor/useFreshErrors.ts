import { useRef } from 'react';

/**
 * The errors the scaffolder reported for a field (`rawErrors`), for as long
 * as the field still holds the value they were reported for. The
 * scaffolder's stepper keeps a step's validation errors until Next is
 * clicked again; a field that shows them through this hook drops them as
 * soon as its input changes (templates set `ui:hideError: true` on such a
 * field so the form does not show them a second time, unfiltered).
 */
export function useFreshErrors(
  rawErrors: string[] | undefined,
  value: unknown,
): string[] {
  const reported = useRef<{ errors: string; value: string }>();
  const errors = rawErrors ?? [];
  const key = errors.join('\n');
  const current = JSON.stringify(value ?? null);
  if (!key) {
    reported.current = undefined;
    return [];
  }
  if (reported.current?.errors !== key) {
    reported.current = { errors: key, value: current };
  }
  return reported.current.value === current ? errors : [];
}
