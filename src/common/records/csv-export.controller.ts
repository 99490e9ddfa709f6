import { Controller, Get, Inject, Query, Res, type Type } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { sendCsv } from '../http/send-csv.js';
import { decorateMethod } from './decorate-method.js';

/** What an export controller calls: the feature's service. */
export interface CsvExporter<Caller, Query> {
  exportCsv(caller: Caller, query: Query): Promise<Readable>;
}

export interface CsvExportSpec<Caller, Query> {
  /** `api/deals`: the export answers `GET /<path>/export.csv`. */
  path: string;
  /** The download's file name. */
  file: string;
  query: Type<Query>;
  exporter: Type<CsvExporter<Caller, Query>>;
  /** The caller as the feature reads it (auth's CurrentAuth). */
  caller: () => ParameterDecorator;
  /** Declared on the route (what it requires). */
  decorators?: MethodDecorator[];
}

/** `GET /<path>/export.csv` with a Bearer token and the list's filter as query parameters. */
export function CsvExportController<Caller, Query>(spec: CsvExportSpec<Caller, Query>) {
  @Controller(spec.path)
  class ExportController {
    constructor(@Inject(spec.exporter) private readonly exporter: CsvExporter<Caller, Query>) {}

    @Get('export.csv')
    async export(
      @spec.caller() caller: Caller,
      @Query() query: Query,
      @Res() reply: FastifyReply,
    ): Promise<void> {
      await sendCsv(reply, spec.file, await this.exporter.exportCsv(caller, query));
    }
  }
  decorateMethod(ExportController.prototype, 'export', spec.decorators ?? []);
  // The query's class is known only here: the validation pipe reads it from the parameter types.
  Reflect.defineMetadata(
    'design:paramtypes',
    [Object, spec.query, Object],
    ExportController.prototype,
    'export',
  );
  return ExportController;
}
