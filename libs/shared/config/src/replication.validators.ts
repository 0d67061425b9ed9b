import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * KAFKA_MIN_INSYNC_REPLICAS may not exceed KAFKA_REPLICATION_FACTOR: a topic whose writes need more in-sync
 * replicas than it has would refuse every write.
 */
export function AtMostReplicationFactor(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'atMostReplicationFactor',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => `${args.property} must be at most KAFKA_REPLICATION_FACTOR (${String((args.object as Record<string, unknown>)['KAFKA_REPLICATION_FACTOR'])})` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const factor = (args.object as Record<string, unknown>)['KAFKA_REPLICATION_FACTOR'];
          return typeof value !== 'number' || typeof factor !== 'number' || value <= factor;
        },
      },
    });
}
