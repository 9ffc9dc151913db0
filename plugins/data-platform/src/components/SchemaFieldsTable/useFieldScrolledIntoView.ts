import { useEffect, useRef } from 'react';

/**
 * Scrolls the row of `path` into view once the table shows it: the ref goes
 * on a container, the row's name carries `data-field-path`. The table draws
 * its rows after the container mounts, so the row is looked for as they come.
 */
export function useFieldScrolledIntoView(path: string | undefined) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = container.current;
    if (!path || !root) return undefined;
    const scrolled = () => {
      const row = [
        ...root.querySelectorAll<HTMLElement>('[data-field-path]'),
      ].find(e => e.dataset.fieldPath === path);
      row?.scrollIntoView?.({ block: 'center' });
      return row !== undefined;
    };
    if (scrolled()) return undefined;
    const observer = new MutationObserver(() => {
      if (scrolled()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [path]);
  return container;
}
