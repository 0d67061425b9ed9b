import { RpcException } from '@nestjs/microservices';
import { AccessRecordedEvent, ContactStateEvent, parseEvent } from '@registry/contracts';
import { deadLetterReason, EventValidationPipe, malformedEventProblems } from './malformed-event';

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

describe('deadLetterReason', () => {
  const marker = 'taro.marker@example.co.jp';

  it('names the rules and declared fields a message broke, never a value or property name it carried', () => {
    const parsed = parseEvent(ContactStateEvent, JSON.stringify({ eventId: marker, [marker]: 1, items: { memo: marker, [`x-${marker}`]: 2 } }));
    if (parsed.ok) throw new Error('the message should be malformed');
    expect(JSON.stringify(parsed.problems)).toContain(marker);
    const reason = deadLetterReason(parsed.problems);
    expect(JSON.stringify(reason)).not.toContain(marker);
    expect(reason.code).toBe('MALFORMED_EVENT');
    expect(reason.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'eventId', rule: 'isUuid' }),
        // A missing required item is named as required.
        expect.objectContaining({ field: 'items.name', rule: 'required' }),
        { field: '*', rule: 'whitelistValidation', message: 'the event has a property that is not accepted' },
      ]),
    );
    expect(reason.problems.filter((problem) => problem.rule === 'whitelistValidation')).toHaveLength(1);
  });

  it('keeps the reason of a message that is not JSON', () => {
    const parsed = parseEvent(ContactStateEvent, `{"name": "${marker}"`);
    if (parsed.ok) throw new Error('the message should be malformed');
    expect(deadLetterReason(parsed.problems)).toEqual({ code: 'MALFORMED_EVENT', problems: [{ field: '(value)', rule: 'json', message: 'message value is not JSON' }] });
  });
});
