import { useSearchParams } from 'react-router-dom';

/**
 * The page's query, and a function that changes some of its keys (an
 * undefined value removes one), leaving the others; `replace` keeps the
 * change out of the browser's history.
 */
export function useQueryUpdate() {
  const [params, setParams] = useSearchParams();
  const update = (
    changes: Record<string, string | undefined>,
    options: { replace: boolean },
  ) =>
    setParams(current => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    }, options);
  return [params, update] as const;
}
