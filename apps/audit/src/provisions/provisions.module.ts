import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { ProvisionEventsConsumer } from './provision-events.consumer';
import { ProvisionRecordsService } from './provision-records.service';
import { ProvisionsController } from './provisions.controller';

@Module({ imports: [ChainModule], controllers: [ProvisionsController, ProvisionEventsConsumer], providers: [ProvisionRecordsService] })
export class ProvisionsModule {}
