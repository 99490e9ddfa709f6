import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { PlatformConfig } from '../config/platform.config.js';
import { InjectRedis, REDIS } from './redis.token.js';
import { SharedCache } from './shared-cache.js';

export { InjectRedis, REDIS } from './redis.token.js';

class RedisLifecycle implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig): Redis | null => {
        if (!config.REDIS_URL) return null;
        const logger = new Logger('Redis');
        const redis = new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          // A command sent on a connection that then dies is otherwise retried on every reconnect,
          // forever when the server accepts connections but drops them (a proxy whose backend is gone).
          commandTimeout: 2_000,
          lazyConnect: false,
        });
        redis.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
        return redis;
      },
    },
    RedisLifecycle,
    SharedCache,
  ],
  exports: [REDIS, SharedCache],
})
export class RedisModule {}
