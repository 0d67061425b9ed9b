import { Module } from '@nestjs/common';
import { CompanyRegisterConsumer } from './company-register.consumer';

/** Contacts' copy of the group company register. */
@Module({ controllers: [CompanyRegisterConsumer] })
export class CompanyRegisterModule {}
