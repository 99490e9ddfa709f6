import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum ApiKeyReason {
  /** The company has as many live keys as it may: revoke one first. */
  TOO_MANY_API_KEYS = 'TOO_MANY_API_KEYS',
}

export const API_KEY_REASONS = declareReasons<ApiKeyReason>('api-keys', {
  [ApiKeyReason.TOO_MANY_API_KEYS]: ErrorCode.CONFLICT,
});

export class ApiKeyException extends FeatureException<ApiKeyReason> {
  constructor(reason: ApiKeyReason, message: string) {
    super(API_KEY_REASONS, reason, message);
  }
}
