import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CompanyRegisterCheck } from '@registry/auth';
import { DataSource } from 'typeorm';

/** Answers from contacts' copy of the register, fed by sharing's register topic. */
@Injectable()
export class CopiedCompanyRegisterCheck implements CompanyRegisterCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isRegistered(companyCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM company_register WHERE company_code = $1`, [companyCode]);
    return rows.length > 0;
  }
}
