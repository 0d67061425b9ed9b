import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { CompanyRegisterConsumer } from './company-register.consumer';

@Module({ imports: [ChainModule], controllers: [CompanyRegisterConsumer] })
export class CompanyRegisterModule {}
