import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { InteractionType } from './interaction.type.js';

@ObjectType({ description: connectionDescription('Interaction') })
export class InteractionConnection extends Connection(InteractionType, 'Interaction') {}
