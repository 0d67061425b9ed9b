import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { companyTopic, type RegisterChange } from '@registry/contracts';
import { RegistryException } from '@registry/platform';
import { companyEligibility } from '@registry/policy';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CompaniesService, stateOf } from './companies.service';
import { CompanyAccessReconciler } from './company-access.reconciler';
import { CompanyBrokerAccess } from './company-broker-access';
import { aclKey, companyAcls, companyConsumerGroupPrefix, companyPrincipal } from './company-principal';
import { GroupCompanyChangeEntity } from './group-company-change.entity';
import { GroupCompanyEntity } from './group-company.entity';
import { lockRegisterEntry } from './register-lock';
import { loggableError } from '@registry/persistence';

export const COMPANY_BOOTSTRAP_SERVERS = Symbol('COMPANY_BOOTSTRAP_SERVERS');

/** What a company needs to follow its topic; the password is in no database and is shown this once. */
export interface IssuedCredentials {
  companyCode: string;
  username: string;
  password: string;
  saslMechanism: 'SCRAM-SHA-512';
  bootstrapServers: string[];
  topic: string;
  consumerGroupPrefix: string;
  issuedAt: Date;
  issuedBy: string;
}

export interface CredentialsStatus {
  companyCode: string;
  state: GroupCompanyEntity['kafkaCredentials'];
  username: string;
  topic: string;
  consumerGroupPrefix: string;
  /** Whether the broker holds the company's ACLs now: only while its credentials are active and it is eligible. */
  aclsGranted: boolean;
  lastChange: { change: RegisterChange; changedBy: string; changedAt: Date } | null;
}

/**
 * Issues, rotates and revokes a group company's Kafka credentials. Each is a change of the register entry, kept
 * in its history and announced to audit like any other. The broker is changed while the entry is locked, before
 * the change commits: a broker that cannot be reached changes nothing.
 */
@Injectable()
export class CompanyCredentialsService {
  private readonly logger = new Logger('CompanyCredentials');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(CompanyBrokerAccess) private readonly broker: CompanyBrokerAccess,
    @Inject(CompanyAccessReconciler) private readonly access: CompanyAccessReconciler,
    @Inject(COMPANY_BOOTSTRAP_SERVERS) private readonly bootstrapServers: string[],
  ) {}

  /** Issues credentials to a company that has none in force, or replaces the password of one that has (`rotate`). */
  async issue(companyCode: string, issuedBy: string, rotate: boolean): Promise<IssuedCredentials> {
    const password = randomBytes(32).toString('base64url');
    const change: RegisterChange = rotate ? 'KAFKA_CREDENTIALS_ROTATED' : 'KAFKA_CREDENTIALS_ISSUED';
    const company = await this.dataSource.transaction(async (manager) => {
      const existing = await this.lockedEntry(manager, companyCode);
      const ineligibility = companyEligibility(existing, new Date());
      if (ineligibility) {
        throw new RegistryException('COMPANY_NOT_ELIGIBLE', 409, `${companyCode} is not eligible for joint use (${ineligibility}), so it gets no credentials`);
      }
      if (rotate && existing.kafkaCredentials !== 'ACTIVE') {
        throw new RegistryException('NO_ACTIVE_CREDENTIALS', 409, `${companyCode} holds no credentials in force; issue them instead`);
      }
      if (!rotate && existing.kafkaCredentials === 'ACTIVE') {
        throw new RegistryException('CREDENTIALS_ALREADY_ISSUED', 409, `${companyCode} already holds credentials; rotate them to get a new password`);
      }
      await this.onBroker(() => this.broker.setPassword(companyCode, password));
      return this.companies.recordChange(manager, { code: companyCode, existing, after: { ...stateOf(existing), kafkaCredentials: 'ACTIVE' }, changedBy: issuedBy, change });
    });
    // The password is shown once, so a failure to grant the ACLs now must not lose it: the schedule grants them.
    await this.access.reconcile(companyCode).catch((error: Error) =>
      this.logger.warn({ msg: 'Kafka ACLs not granted yet; the periodic check retries', companyCode, error: loggableError(error) }),
    );
    this.logger.log({ msg: rotate ? 'Kafka credentials rotated' : 'Kafka credentials issued', companyCode, by: issuedBy });
    return {
      companyCode,
      username: companyPrincipal(companyCode),
      password,
      saslMechanism: 'SCRAM-SHA-512',
      bootstrapServers: this.bootstrapServers,
      topic: companyTopic(companyCode),
      consumerGroupPrefix: companyConsumerGroupPrefix(companyCode),
      issuedAt: company.updatedAt,
      issuedBy,
    };
  }

  /** Takes a company's ACLs and credentials away: its next request to the broker is refused. */
  async revoke(companyCode: string, revokedBy: string): Promise<CredentialsStatus> {
    await this.dataSource.transaction(async (manager) => {
      const existing = await this.lockedEntry(manager, companyCode);
      if (existing.kafkaCredentials !== 'ACTIVE') {
        throw new RegistryException('NO_ACTIVE_CREDENTIALS', 409, `${companyCode} holds no credentials in force`);
      }
      await this.onBroker(async () => {
        await this.broker.align(companyCode, false);
        await this.broker.deleteUser(companyCode);
      });
      await this.companies.recordChange(manager, {
        code: companyCode,
        existing,
        after: { ...stateOf(existing), kafkaCredentials: 'REVOKED' },
        changedBy: revokedBy,
        change: 'KAFKA_CREDENTIALS_REVOKED',
      });
    });
    this.logger.log({ msg: 'Kafka credentials revoked', companyCode, by: revokedBy });
    return this.status(companyCode);
  }

  async status(companyCode: string): Promise<CredentialsStatus> {
    const company = await this.dataSource.getRepository(GroupCompanyEntity).findOneBy({ code: companyCode });
    if (!company) throw new RegistryException('COMPANY_NOT_FOUND', 404, `The group register has no company ${companyCode}`);
    const lastChange = await this.dataSource.getRepository(GroupCompanyChangeEntity).findOne({
      where: [
        { companyCode, change: 'KAFKA_CREDENTIALS_ISSUED' },
        { companyCode, change: 'KAFKA_CREDENTIALS_ROTATED' },
        { companyCode, change: 'KAFKA_CREDENTIALS_REVOKED' },
      ],
      order: { version: 'DESC' },
    });
    const held = new Set((await this.onBroker(() => this.broker.aclsOf(companyCode))).map(aclKey));
    return {
      companyCode,
      state: company.kafkaCredentials,
      username: companyPrincipal(companyCode),
      topic: companyTopic(companyCode),
      consumerGroupPrefix: companyConsumerGroupPrefix(companyCode),
      aclsGranted: companyAcls(companyCode).every((acl) => held.has(aclKey(acl))),
      lastChange: lastChange ? { change: lastChange.change, changedBy: lastChange.changedBy, changedAt: lastChange.changedAt } : null,
    };
  }

  private async lockedEntry(manager: EntityManager, companyCode: string): Promise<GroupCompanyEntity> {
    await lockRegisterEntry(manager, companyCode);
    const existing = await manager.findOneBy(GroupCompanyEntity, { code: companyCode });
    if (!existing) throw new RegistryException('COMPANY_NOT_FOUND', 404, `The group register has no company ${companyCode}`);
    return existing;
  }

  private async onBroker<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RegistryException) throw error;
      this.logger.warn({ msg: 'the broker refused or did not answer a credentials change', error: loggableError(error) });
      throw new RegistryException('KAFKA_UNAVAILABLE', 503, 'The Kafka brokers did not complete the change; nothing was changed. Try again shortly.');
    }
  }
}
