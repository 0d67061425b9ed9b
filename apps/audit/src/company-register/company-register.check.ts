import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CompanyRegisterCheck } from '@registry/auth';
import { DataSource } from 'typeorm';

/** Answers from the company-register changes audit has ingested into its chain. */
@Injectable()
export class AuditedCompanyRegisterCheck implements CompanyRegisterCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isRegistered(companyCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM company_register_records WHERE company_code = $1 LIMIT 1`, [companyCode]);
    return rows.length > 0;
  }
}
