import { addOutboxNotifyTrigger, dropOutboxNotifyTrigger } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A committed outbox row wakes the relay at once (LISTEN/NOTIFY) instead of waiting for its next poll. */
export class OutboxNotify1733616000000 implements MigrationInterface {
  name = 'OutboxNotify1733616000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxNotifyTrigger(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxNotifyTrigger(queryRunner);
  }
}
