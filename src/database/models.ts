import { ApiKey } from '../api-keys/models/api-key.model.js';
import { AuditLog } from '../audit/models/audit-log.model.js';
import { Interaction } from '../interactions/models/interaction.model.js';
import { Lead } from '../leads/models/lead.model.js';
import { RefreshToken } from '../auth/models/refresh-token.model.js';
import { Company } from '../users/models/company.model.js';
import { User } from '../users/models/user.model.js';

/** Every Sequelize model, registered once on the one Sequelize instance. */
export const MODELS = [Company, User, RefreshToken, ApiKey, AuditLog, Lead, Interaction] as const;
