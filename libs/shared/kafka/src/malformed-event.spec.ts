import { RpcException } from '@nestjs/microservices';
import { AccessRecordedEvent } from '@registry/contracts';
import { EventValidationPipe, malformedEventProblems } from './malformed-event';

describe('EventValidationPipe', () => {
  const pipe = new EventValidationPipe(AccessRecordedEvent);

  it('refuses a value that is not an event, naming the problem', () => {
    let thrown: unknown;
    try {
      pipe.transform(Buffer.from('not json'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RpcException);
    expect(malformedEventProblems(thrown)).toEqual([expect.objectContaining({ rule: 'json' })]);
    expect(malformedEventProblems((thrown as RpcException).getError())).toEqual([expect.objectContaining({ rule: 'json' })]);
  });

  it('does not mistake other failures for malformed events', () => {
    expect(malformedEventProblems(new Error('connection refused'))).toBeNull();
    expect(malformedEventProblems(new RpcException('Internal server error'))).toBeNull();
  });
});
