import { layeredLayout } from './layeredLayout';
import type { LayoutRequest } from './types';

// Runs the layout off the main thread: the page keeps panning while a large
// neighbourhood is laid out.
const scope = self as unknown as {
  onmessage:
    | ((event: MessageEvent<{ id: number; request: LayoutRequest }>) => void)
    | null;
  postMessage(message: unknown): void;
};

scope.onmessage = event => {
  const { id, request } = event.data;
  try {
    scope.postMessage({ id, result: layeredLayout(request) });
  } catch (error) {
    scope.postMessage({ id, error: String(error) });
  }
};
