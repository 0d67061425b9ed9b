import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CompanyRegisterCheck } from '@registry/auth';
import { DataSource } from 'typeorm';
import { GroupCompanyEntity } from './group-company.entity';

/** Sharing keeps the register: answers from its own table. */
@Injectable()
export class GroupCompanyRegisterCheck implements CompanyRegisterCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isRegistered(companyCode: string): Promise<boolean> {
    return this.dataSource.getRepository(GroupCompanyEntity).existsBy({ code: companyCode });
  }
}
