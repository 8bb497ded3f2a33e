import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: SQLite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('file:./data/shangliang.db');
    expect(c.PORT).toBe(3000);
  });

  it('names every bad setting', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://nope' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const m = (e as Error).message;
      expect(m).toContain('PORT="eighty"');
      expect(m).toContain('DATABASE_URL="mysql://x"');
      expect(m).toContain('REDIS_URL="http://nope"');
    }
  });
});
