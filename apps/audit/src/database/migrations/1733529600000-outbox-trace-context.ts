import { addOutboxTraceContext } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An outbox row keeps the trace context it was written in; the relay sends it on as the message's `traceparent`. */
export class OutboxTraceContext1733529600000 implements MigrationInterface {
  name = 'OutboxTraceContext1733529600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxTraceContext(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN trace_context`);
  }
}
