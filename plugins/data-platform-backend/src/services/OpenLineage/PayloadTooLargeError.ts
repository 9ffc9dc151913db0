import { CustomErrorBase } from '@backstage/errors';

/** 413: a request holds more than the ingestion reads (bytes or events). */
export class PayloadTooLargeError extends CustomErrorBase {
  readonly statusCode = 413;
}
