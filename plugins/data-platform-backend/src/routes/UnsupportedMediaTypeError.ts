import { CustomErrorBase } from '@backstage/errors';

/** 415: the request's Content-Type is not one the route reads. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  readonly statusCode = 415;
}
