import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry, type Kafka } from 'kafkajs';
import { deleteScramUser, upsertScramUser } from '@registry/kafka';
import { aclKey, companyAcls, companyPrincipal } from './company-principal';

export const COMPANY_BROKER_KAFKA = Symbol('COMPANY_BROKER_KAFKA');

/**
 * A group company's credentials and ACLs on the broker, changed through sharing's credentials principal
 * (ALTER on the cluster), never through the principal that reads and writes the topics.
 */
export class CompanyBrokerAccess {
  constructor(private readonly kafka: Kafka) {}

  setPassword(companyCode: string, password: string): Promise<void> {
    return upsertScramUser(this.kafka, companyPrincipal(companyCode), password);
  }

  deleteUser(companyCode: string): Promise<void> {
    return deleteScramUser(this.kafka, companyPrincipal(companyCode));
  }

  /** The ACLs the broker holds for the company's principal, on any resource. */
  async aclsOf(companyCode: string): Promise<AclEntry[]> {
    return this.withAdmin(async (admin) => {
      const { resources } = await admin.describeAcls(this.everyAclOf(companyCode));
      return resources.flatMap(({ acls, ...resource }) => acls.map((acl) => ({ ...resource, ...acl })));
    });
  }

  /** Makes the company's ACLs exactly `companyAcls` (granted) or none (revoked). Returns whether anything changed. */
  async align(companyCode: string, granted: boolean): Promise<boolean> {
    const held = await this.aclsOf(companyCode);
    const wanted = granted ? companyAcls(companyCode) : [];
    const wantedKeys = new Set(wanted.map(aclKey));
    const heldKeys = new Set(held.map(aclKey));
    const extra = held.filter((acl) => !wantedKeys.has(aclKey(acl)));
    const missing = wanted.filter((acl) => !heldKeys.has(aclKey(acl)));
    if (extra.length === 0 && missing.length === 0) return false;
    await this.withAdmin(async (admin) => {
      if (extra.length > 0) await admin.deleteAcls({ filters: extra });
      if (missing.length > 0) await admin.createAcls({ acl: missing });
    });
    return true;
  }

  private everyAclOf(companyCode: string) {
    return {
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: `User:${companyPrincipal(companyCode)}`,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    };
  }

  private async withAdmin<T>(work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
