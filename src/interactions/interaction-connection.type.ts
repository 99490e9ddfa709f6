import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { InteractionType } from './interaction.type.js';

@ObjectType()
export class InteractionConnection extends Connection(InteractionType, 'Interaction') {}
