import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { SuspensionService } from './suspension.service';
import { SuspensionsController } from './suspensions.controller';

@Module({ imports: [DeliveriesModule], controllers: [SuspensionsController], providers: [SuspensionService] })
export class SuspensionsModule {}
