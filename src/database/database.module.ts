import { Global, Module } from '@nestjs/common';
import { Sequelize } from 'sequelize-typescript';
import { DatabaseConfig } from './database.config.js';
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
      useFactory: (config: DatabaseConfig) => DatabaseConnection.open(config),
      inject: [DatabaseConfig],
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
