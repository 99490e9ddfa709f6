import { DynamicModule, Module } from '@nestjs/common';
import { Sequelize, type ModelCtor } from 'sequelize-typescript';

/** Registers a feature's Sequelize models on the one connection; the data layer knows no feature. */
@Module({})
export class ModelsModule {
  static forFeature(models: ModelCtor[]): DynamicModule {
    return {
      module: ModelsModule,
      providers: [
        {
          provide: `models:${models.map((m) => m.name).join(',')}`,
          useFactory: (sequelize: Sequelize) => sequelize.addModels(models),
          inject: [Sequelize],
        },
      ],
    };
  }
}
