import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes one JSON object per line with service, level and context', () => {
    new JsonLogger('sharing').log({ msg: 'consuming', groupId: 'sharing' }, 'KafkaEventServer');
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] ?? '')).toMatchObject({ level: 'log', service: 'sharing', context: 'KafkaEventServer', msg: 'consuming', groupId: 'sharing' });
  });

  it('drops lines below its level', () => {
    const logger = new JsonLogger('audit', 'warn');
    logger.log('routine');
    logger.debug('detail');
    logger.warn('attention');
    expect(written.map((line) => JSON.parse(line).msg)).toEqual(['attention']);
  });
});
