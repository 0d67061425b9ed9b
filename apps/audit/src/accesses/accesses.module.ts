import { Module } from '@nestjs/common';
import { AccessEventsConsumer } from './access-events.consumer';
import { AccessRecordsService } from './access-records.service';
import { AccessesController } from './accesses.controller';

@Module({ controllers: [AccessesController, AccessEventsConsumer], providers: [AccessRecordsService] })
export class AccessesModule {}
