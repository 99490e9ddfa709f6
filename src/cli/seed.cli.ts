import 'reflect-metadata';
import { resolve } from 'node:path';
import { createApp } from '../app.factory.js';
import type { UserCaller } from '../auth/auth-context.js';
import { AuthService } from '../auth/auth.service.js';
import { ActorKind } from '../common/events/actor.js';
import { Role } from '../auth/role.enum.js';
import { loadConfig } from '../app.config.js';
import { InteractionsService } from '../interactions/interactions.service.js';
import { LeadIntakeService } from '../leads/lead-intake.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { DEMO, demoInteractions, readSeedLeads } from './seed-data.js';

/**
 * `pnpm run seed [--reset]`: a demo company, its ADMIN and 15 leads with interactions, through the
 * same services the API uses (validation, audit). Never drops anything else: a second run is a
 * no-op, and --reset clears the demo company only.
 */
async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const app = await createApp(config);
  await app.init();
  try {
    const users = app.get(UsersRepository);
    const existing = await users.findByEmail(DEMO.email);
    if (existing && !reset) {
      console.log(
        `Demo data already present (company ${existing.companyId}); nothing to do. Use --reset to recreate it.`,
      );
      printLogin();
      return;
    }
    if (existing) {
      await users.deleteCompany(existing.companyId);
      console.log('Removed the previous demo company and everything in it.');
    }

    const meta = { requestId: 'seed', ip: '127.0.0.1' };
    const session = await app.get(AuthService).signUp(meta, { ...DEMO });
    const auth: UserCaller = {
      kind: ActorKind.USER,
      userId: session.user.id,
      companyId: session.user.companyId,
      role: Role.ADMIN,
      ...meta,
    };
    const inputs = await readSeedLeads(resolve(process.cwd(), 'seed-leads.csv'));
    const leads = await app.get(LeadIntakeService).createMany(auth, inputs);
    const interactionsService = app.get(InteractionsService);
    let interactions = 0;
    for (const lead of leads) {
      const planned = demoInteractions();
      for (const interaction of planned)
        await interactionsService.create(auth, { ...interaction, leadId: lead.id });
      interactions += planned.length;
      console.log(
        `  ✓ ${lead.firstName} ${lead.lastName} <${lead.email}>: ${planned.length} interactions`,
      );
    }
    console.log(
      `Seeded ${leads.length} leads and ${interactions} interactions in "${DEMO.companyName}".`,
    );
    printLogin();
  } finally {
    await app.close();
  }
}

function printLogin(): void {
  console.log(`Log in as ${DEMO.email} / ${DEMO.password}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
