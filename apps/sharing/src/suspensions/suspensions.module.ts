import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { HoldingsController } from './holdings.controller';
import { SuspensionService } from './suspension.service';
import { SuspensionsController } from './suspensions.controller';

@Module({ imports: [DeliveriesModule], controllers: [SuspensionsController, HoldingsController], providers: [SuspensionService] })
export class SuspensionsModule {}
