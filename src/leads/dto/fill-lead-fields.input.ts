import { IsOptional } from 'class-validator';
import { LeadValidation as V } from './lead-fields.js';

/**
 * What a later submission of the same person may add to a lead where it has nothing (ingestion
 * merging into the lead it found by e-mail); validated as createLead validates the same fields.
 */
export class FillLeadFieldsInput {
  @IsOptional()
  @V.name()
  firstName?: string;

  @IsOptional()
  @V.name()
  lastName?: string;

  @IsOptional()
  @V.phone()
  phone?: string;

  @IsOptional()
  @V.location()
  location?: string;

  @IsOptional()
  @V.source()
  source?: string;
}
