import { Global, Module } from '@nestjs/common';
import { Sequelize } from 'sequelize-typescript';
import { AppConfig } from '../config/app-config.js';
import { AdvisoryLocks } from './advisory-locks.js';
import { CsvExport } from './csv-export.js';
import { DatabaseConnection } from './database-connection.js';
import { Sql } from './sql.js';
import { Transactions } from './transactions.js';

@Global()
@Module({
  providers: [
    {
      provide: DatabaseConnection,
      useFactory: (config: AppConfig) => DatabaseConnection.open(config),
      inject: [AppConfig],
    },
    {
      provide: Sequelize,
      useFactory: (db: DatabaseConnection) => db.sequelize,
      inject: [DatabaseConnection],
    },
    Sql,
    Transactions,
    CsvExport,
    AdvisoryLocks,
  ],
  exports: [Sequelize, DatabaseConnection, Sql, Transactions, CsvExport, AdvisoryLocks],
})
export class DatabaseModule {}
