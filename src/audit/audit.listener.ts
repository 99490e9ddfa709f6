import { Injectable } from '@nestjs/common';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnAnyDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { AuditService } from './audit.service.js';

/** Every domain event is audited, in the change's transaction: no change without its trail. */
@Injectable()
export class AuditListener {
  constructor(private readonly audit: AuditService) {}

  @OnAnyDomainEvent(EventPhase.IN_TRANSACTION)
  async onDomainEvent(event: DomainEvent): Promise<void> {
    await this.audit.record(event);
  }
}
