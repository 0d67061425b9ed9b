import { Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { SharedContactsController } from './shared-contacts.controller';

@Module({ controllers: [SharedContactsController], providers: [AccessService] })
export class SharedContactsModule {}
