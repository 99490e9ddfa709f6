import { Inject } from '@nestjs/common';

/** Injection token for the shared ioredis client; `null` when REDIS_URL is not set (single node). */
export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);
