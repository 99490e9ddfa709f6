/** Domain event names of interactions. */
export const InteractionEvents = {
  Created: 'interaction.created',
  Updated: 'interaction.updated',
  Removed: 'interaction.removed',
} as const;
