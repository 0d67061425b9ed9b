import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PutCompanyDto } from './dto/put-company.dto';
import { GroupCompanyEntity } from './group-company.entity';

@Injectable()
export class CompaniesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async put(code: string, dto: PutCompanyDto): Promise<GroupCompanyEntity> {
    const repository = this.dataSource.getRepository(GroupCompanyEntity);
    await repository.upsert({ code, ...dto, leftOn: dto.leftOn ?? null }, ['code']);
    return repository.findOneByOrFail({ code });
  }

  list(): Promise<GroupCompanyEntity[]> {
    return this.dataSource.getRepository(GroupCompanyEntity).find({ order: { code: 'ASC' } });
  }
}
