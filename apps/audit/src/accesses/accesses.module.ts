import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ChainModule } from '../chain/chain.module';
import { AccessEventsConsumer } from './access-events.consumer';
import { AccessRecordsService } from './access-records.service';
import { AccessesController } from './accesses.controller';

@Module({ imports: [ChainModule, AlertsModule], controllers: [AccessesController, AccessEventsConsumer], providers: [AccessRecordsService] })
export class AccessesModule {}
