import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/** A CSV export's answer: a download, never cached (it is one caller's view of their data). */
export async function sendCsv(reply: FastifyReply, filename: string, csv: Readable): Promise<void> {
  await reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}
