import { useCallback, useEffect, useState } from 'react';

/** What the last copy did, for the button to say. */
export type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies text to the clipboard and says how it went for a few seconds:
 * `copied`, or `failed` where the browser refuses the clipboard (an
 * insecure origin), so the page can ask for a manual copy.
 */
export function useCopyText(resetAfterMs = 3000) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), resetAfterMs);
    return () => clearTimeout(timer);
  }, [state, resetAfterMs]);
  const copy = useCallback(async (text: string) => {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }, []);
  return { state, copy };
}
