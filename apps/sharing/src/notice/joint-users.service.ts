import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { companyEligibility, type GroupRelationship, type JointUseNoticeShape } from '@registry/policy';
import { DataSource } from 'typeorm';
import type { RegisterEntryState } from '../companies/group-company-change.entity';

/** A group company as the notice lists it on a date. */
export interface ListedCompany {
  code: string;
  name: string;
  country: string;
  relationship: GroupRelationship;
  joinedOn: string;
  leftOn: string | null;
  /** Whether it used the data jointly on that date: a member, active, in a relationship the notice names, in Japan. */
  jointUser: boolean;
}

/** The day after a calendar date. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The list of joint users the notice publishes, from the group register as its history stood at the end of a
 * (Japanese) day. Companies located outside the notice's country are left out: they never receive the data, and
 * the list must not suggest they do.
 */
@Injectable()
export class JointUsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async on(date: string, notice: JointUseNoticeShape): Promise<ListedCompany[]> {
    const endOfDay = new Date(`${nextDay(date)}T00:00:00+09:00`);
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (company_code) company_code, after FROM group_company_changes
        WHERE changed_at < $1 ORDER BY company_code, version DESC`,
      [endOfDay],
    )) as { company_code: string; after: RegisterEntryState }[];
    const noon = new Date(`${date}T12:00:00+09:00`);
    return rows
      .filter((row) => row.after.country === notice.jointUsers.country)
      .map(({ company_code: code, after }) => ({
        code,
        name: after.legalName,
        country: after.country,
        relationship: after.relationship,
        joinedOn: after.joinedOn,
        leftOn: after.leftOn,
        jointUser: companyEligibility({ code, ...after }, noon, notice) === null,
      }));
  }
}
