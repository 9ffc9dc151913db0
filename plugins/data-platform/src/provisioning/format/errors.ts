import { ResponseError } from '@backstage/errors';

/**
 * The backend's own words for a failed request (its error's message),
 * else the error's message, as a sentence.
 */
export function backendMessage(error: unknown): string {
  let message: string;
  if (error instanceof ResponseError) {
    message = error.cause?.message || error.message;
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return message.replace(/\.?\s*$/, '.');
}
