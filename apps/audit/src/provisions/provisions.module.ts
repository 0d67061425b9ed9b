import { Module } from '@nestjs/common';
import { ProvisionEventsConsumer } from './provision-events.consumer';
import { ProvisionRecordsService } from './provision-records.service';
import { ProvisionsController } from './provisions.controller';

@Module({ controllers: [ProvisionsController, ProvisionEventsConsumer], providers: [ProvisionRecordsService] })
export class ProvisionsModule {}
