import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ContactEventsConsumer } from './contact-events.consumer';
import { ProjectionService } from './projection.service';

@Module({ imports: [DeliveriesModule], controllers: [ContactEventsConsumer], providers: [ProjectionService] })
export class ProjectionModule {}
