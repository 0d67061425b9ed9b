import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RegistryException } from '@registry/platform';
import { DataSource } from 'typeorm';
import { DeliveryService } from '../deliveries/delivery.service';
import { SharedContactEntity } from '../projection/shared-contact.entity';

@Injectable()
export class SuspensionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeliveryService) private readonly deliveries: DeliveryService,
  ) {}

  /**
   * Suspends or resumes the joint use of one contact. Suspending withdraws it from every company that had
   * received it; resuming delivers it again to the companies eligible now. Reads follow at once.
   */
  async set(contactId: string, suspended: boolean): Promise<SharedContactEntity> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOne(SharedContactEntity, { where: { contactId }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw new RegistryException('CONTACT_NOT_FOUND', 404, `No shared contact ${contactId}`);
      if (contact.suspendedByAdmin === suspended) return contact;
      await manager.update(SharedContactEntity, { contactId }, { suspendedByAdmin: suspended });
      const updated = await manager.findOneByOrFail(SharedContactEntity, { contactId });
      await this.deliveries.afterContactChange(manager, updated);
      return updated;
    });
  }
}
