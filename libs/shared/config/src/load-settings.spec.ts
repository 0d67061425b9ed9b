import { IsInt } from 'class-validator';
import { CommonSettings } from './common-settings';
import { InvalidSettingsError, loadSettings } from './load-settings';
import { NumberSetting } from './transforms';

class ExampleSettings extends CommonSettings {
  override PORT = 3001;

  @NumberSetting() @IsInt()
  OUTBOX_BATCH_SIZE = 100;
}

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/registry_contacts',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadSettings', () => {
  it('applies defaults and converts values', () => {
    const settings = loadSettings(ExampleSettings, { ...valid, KAFKA_BROKERS: 'a:1, b:2', OUTBOX_BATCH_SIZE: '50' });
    expect(settings.PORT).toBe(3001);
    expect(settings.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(settings.OUTBOX_BATCH_SIZE).toBe(50);
  });

  it('names every missing or bad setting', () => {
    let error: unknown;
    try {
      loadSettings(ExampleSettings, { JWT_SECRET: 'short', PORT: 'eighty', KAFKA_BROKERS: 'nohost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('JWT_SECRET must be at least 32 characters');
    expect(message).toContain('PORT');
    expect(message).toContain('KAFKA_BROKERS must be host:port');
  });

  it('treats an empty variable as missing', () => {
    expect(() => loadSettings(ExampleSettings, { ...valid, DATABASE_URL: '' })).toThrow(/DATABASE_URL/);
  });
});
