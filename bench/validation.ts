import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { AddCommentInput } from '../src/comments/dto/add-comment.input.js';
import { validationException } from '../src/common/errors/validation.js';
import { UpdateDealInput } from '../src/deals/dto/update-deal.input.js';
import { CreateInteractionInput } from '../src/interactions/dto/create-interaction.input.js';
import { CreateLeadInput } from '../src/leads/dto/create-lead.input.js';

/**
 * `node dist/bench/validation.js`: what the global ValidationPipe (class-transformer +
 * class-validator) costs per input of the hot writes, in process, configured as the app configures
 * it — the figure that decides whether a compiled validator is worth its migration.
 */
const pipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  exceptionFactory: validationException,
});

const ID = '5f0c4c4e-2b1a-4c1e-9a55-0c8f5d6b7a10';
const INPUTS: { name: string; metatype: new () => object; value: (i: number) => object }[] = [
  {
    name: 'CreateLeadInput (createLead)',
    metatype: CreateLeadInput,
    value: (i) => ({
      firstName: 'Bench',
      lastName: 'Create',
      email: `v-${i}@bench.test`,
      budget: 1000,
    }),
  },
  {
    name: 'CreateInteractionInput',
    metatype: CreateInteractionInput,
    // As the GraphQL scalars hand them to the pipe: the DateTime already a Date.
    value: () => ({ leadId: ID, type: 'CALL', date: new Date(), notes: 'Called.' }),
  },
  {
    name: 'UpdateDealInput',
    metatype: UpdateDealInput,
    value: (i) => ({ id: ID, value: String(i) }),
  },
  { name: 'AddCommentInput', metatype: AddCommentInput, value: () => ({ leadId: ID, body: 'Hi' }) },
];

async function microseconds(metatype: new () => object, value: (i: number) => object, n: number) {
  const metadata: ArgumentMetadata = { type: 'body', metatype, data: 'input' };
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await pipe.transform(value(i), metadata);
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

async function main(): Promise<void> {
  console.log('| input | µs per validation |\n|---|--:|');
  for (const { name, metatype, value } of INPUTS) {
    await microseconds(metatype, value, 20_000); // warm-up: V8 optimizes the pipe's paths
    console.log(`| ${name} | ${(await microseconds(metatype, value, 50_000)).toFixed(1)} |`);
  }
}

await main();
