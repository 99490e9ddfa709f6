import { Global, Module } from '@nestjs/common';
import { LoaderRegistry } from './loaders.js';

/** Features define their loaders on the one registry (see LoaderRegistry). */
@Global()
@Module({ providers: [LoaderRegistry], exports: [LoaderRegistry] })
export class LoadersModule {}
