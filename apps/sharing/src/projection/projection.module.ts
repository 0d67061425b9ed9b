import { Module } from '@nestjs/common';
import { ContactEventsConsumer } from './contact-events.consumer';
import { ProjectionService } from './projection.service';

@Module({ controllers: [ContactEventsConsumer], providers: [ProjectionService] })
export class ProjectionModule {}
