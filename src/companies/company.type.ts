import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { CompanyRecord } from './companies.repository.js';

@ObjectType('Company', { description: 'The tenant: every record belongs to one company.' })
export class CompanyType {
  @Field(() => ID, { description: 'The company’s id.' })
  id!: string;

  @Field({ description: 'As given at signUp.' })
  @MaxChars(200)
  name!: string;

  @Field({
    description:
      'ISO 4217 code (e.g. USD): what deal values default to and pipeline totals are summed in.',
  })
  @MaxChars(3)
  currency!: string;

  static from(company: CompanyRecord): CompanyType {
    return Object.assign(new CompanyType(), company);
  }
}
