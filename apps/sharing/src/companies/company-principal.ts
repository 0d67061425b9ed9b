import { companyTopic } from '@registry/contracts';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';

/** A group company's own principal on the broker. */
export function companyPrincipal(companyCode: string): string {
  return `company.${companyCode}`;
}

/** The prefix of the consumer groups a company may use; the trailing dot keeps one code from covering another. */
export function companyConsumerGroupPrefix(companyCode: string): string {
  return `company.${companyCode}.`;
}

/** Everything a company may do on the broker: read its own topic, with consumer groups under its own prefix. */
export function companyAcls(companyCode: string): AclEntry[] {
  const principal = `User:${companyPrincipal(companyCode)}`;
  const allow = { principal, host: '*', permissionType: AclPermissionTypes.ALLOW };
  const topic = { resourceType: AclResourceTypes.TOPIC, resourceName: companyTopic(companyCode), resourcePatternType: ResourcePatternTypes.LITERAL };
  const groups = { resourceType: AclResourceTypes.GROUP, resourceName: companyConsumerGroupPrefix(companyCode), resourcePatternType: ResourcePatternTypes.PREFIXED };
  return [
    { ...topic, ...allow, operation: AclOperationTypes.READ },
    { ...topic, ...allow, operation: AclOperationTypes.DESCRIBE },
    { ...groups, ...allow, operation: AclOperationTypes.READ },
    { ...groups, ...allow, operation: AclOperationTypes.DESCRIBE },
  ];
}

/** One ACL as a comparable string. */
export function aclKey(acl: AclEntry): string {
  return [acl.resourceType, acl.resourceName, acl.resourcePatternType, acl.principal, acl.host, acl.operation, acl.permissionType].join('|');
}
