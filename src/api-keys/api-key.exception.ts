import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const ApiKeyReason = declareReasons('api-keys', {
  /** The company has as many live keys as it may: revoke one first. */
  TOO_MANY_API_KEYS: ErrorCode.CONFLICT,
});
export type ApiKeyReason = ReasonOf<typeof ApiKeyReason>;

export class ApiKeyException extends featureException(ApiKeyReason) {}
