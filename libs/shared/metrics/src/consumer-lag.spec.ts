import { partitionLags } from './consumer-lag';

describe('partitionLags', () => {
  const ends = [
    { partition: 1, high: '40', low: '10' },
    { partition: 0, high: '25', low: '0' },
  ];

  it('is the end offset minus the committed one, per partition in order', () => {
    expect(
      partitionLags('t', ends, [
        { partition: 0, offset: '20' },
        { partition: 1, offset: '40' },
      ]),
    ).toEqual([
      { topic: 't', partition: 0, lag: 5 },
      { topic: 't', partition: 1, lag: 0 },
    ]);
  });

  it('counts all a partition still holds when the group has committed nothing on it', () => {
    expect(partitionLags('t', ends, [{ partition: 0, offset: '-1' }])).toEqual([
      { topic: 't', partition: 0, lag: 25 },
      { topic: 't', partition: 1, lag: 30 },
    ]);
  });

  it('is never negative', () => {
    expect(partitionLags('t', [{ partition: 0, high: '5', low: '0' }], [{ partition: 0, offset: '9' }])).toEqual([{ topic: 't', partition: 0, lag: 0 }]);
  });
});
