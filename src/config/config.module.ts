import { DynamicModule, Global, Module, type Provider, type Type } from '@nestjs/common';
import type { AppConfig } from './load-config.js';

/** Provides each loaded slice under its own class: a service injects `IngestionConfig`, say. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers: Provider[] = config.slices.map((slice) => ({
      provide: slice.constructor as Type,
      useValue: slice,
    }));
    return {
      module: ConfigModule,
      providers,
      exports: providers.map((provider) => (provider as { provide: Type }).provide),
    };
  }
}
