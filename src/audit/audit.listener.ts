import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent } from '../common/events/domain-event.js';
import { AuditService } from './audit.service.js';

/** Every domain event is audited. */
@Injectable()
export class AuditListener {
  constructor(private readonly audit: AuditService) {}

  @OnEvent('**', { promisify: true, suppressErrors: false })
  async onDomainEvent(event: unknown): Promise<void> {
    if (event instanceof DomainEvent) await this.audit.record(event);
  }
}
