import { Injectable, type PipeTransform } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { parseEvent, type ValidationProblem } from '@registry/contracts';
import { withoutValues } from '@registry/persistence';
import type { ClassConstructor } from 'class-transformer';

export const MALFORMED_EVENT = 'MALFORMED_EVENT';

export interface MalformedEventError {
  code: typeof MALFORMED_EVENT;
  problems: ValidationProblem[];
}

/** Why a message was dead-lettered, as the dead-letter topic and the logs may carry it. */
export interface DeadLetterReason {
  code: typeof MALFORMED_EVENT;
  problems: ValidationProblem[];
}

/**
 * The reason without anything the message held. The name of a property that is not accepted came from the
 * message (it could be an e-mail address, dots included), so it is not named at all: the full problems stay
 * with the message in the dead_letters row. Other messages are the validators' own words about declared
 * fields, with quoted text removed all the same.
 */
export function deadLetterReason(problems: ValidationProblem[]): DeadLetterReason {
  const described = problems.map(({ field, rule, message }) =>
    rule === 'whitelistValidation'
      ? { field: '*', rule, message: 'the event has a property that is not accepted' }
      : { field, rule, message: withoutValues(message) },
  );
  const distinct = new Map(described.map((problem) => [JSON.stringify(problem), problem]));
  return { code: MALFORMED_EVENT, problems: [...distinct.values()] };
}

/** Recognises the refusal whether it arrives as thrown by the pipe or as unwrapped by Nest's RPC exception filter. */
export function malformedEventProblems(error: unknown): ValidationProblem[] | null {
  const candidate = error instanceof RpcException ? error.getError() : error;
  if (typeof candidate === 'object' && candidate !== null && (candidate as { code?: unknown }).code === MALFORMED_EVENT) {
    return (candidate as MalformedEventError).problems;
  }
  return null;
}

/** Validates a Kafka message value into an event class; a bad one is refused as malformed (and dead-lettered). */
@Injectable()
export class EventValidationPipe<T extends object> implements PipeTransform<Buffer | null, T> {
  constructor(private readonly type: ClassConstructor<T>) {}

  transform(value: Buffer | null): T {
    const parsed = parseEvent(this.type, value);
    if (!parsed.ok) {
      const error: MalformedEventError = { code: MALFORMED_EVENT, problems: parsed.problems };
      throw new RpcException(error);
    }
    return parsed.event;
  }
}
