import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      RUDDER_DATA_DIR: './rudder-data',
      LOG_LEVEL: 'info',
      SESSION_IDLE_MINUTES: 720,
      SESSION_ABSOLUTE_HOURS: 336,
      TRUST_PROXY: false,
      JOB_POLL_SECONDS: 5,
      JOB_LEASE_SECONDS: 30,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses a job poll interval below one second', () => {
    expect(loadConfig({ JOB_POLL_SECONDS: '2' }).JOB_POLL_SECONDS).toBe(2);
    expect(() => loadConfig({ JOB_POLL_SECONDS: '0' })).toThrow('JOB_POLL_SECONDS="0"');
  });

  it('refuses a job lease below three seconds', () => {
    expect(loadConfig({ JOB_LEASE_SECONDS: '3' }).JOB_LEASE_SECONDS).toBe(3);
    expect(() => loadConfig({ JOB_LEASE_SECONDS: '2' })).toThrow('JOB_LEASE_SECONDS="2"');
  });

  it('treats an empty variable as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('names every bad variable, its value and the reason', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/rudder', LOG_LEVEL: 'loud' });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((i) => [i.field, i.value])).toEqual([
      ['PORT', 'eighty'],
      ['DATABASE_URL', 'mysql://db/rudder'],
      ['LOG_LEVEL', 'loud'],
    ]);
    expect(error.message).toContain('PORT="eighty"');
    expect(error.message).toContain('DATABASE_URL="mysql://db/rudder": expected postgres://');
  });

  it('takes a CRM_SECRET_KEY of 32 bytes, in hex or base64, and never repeats a bad one', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ CRM_SECRET_KEY: hex }).CRM_SECRET_KEY).toBe(hex);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ CRM_SECRET_KEY: base64 }).CRM_SECRET_KEY).toBe(base64);
    const short = 'cd'.repeat(31);
    let caught: unknown;
    try {
      loadConfig({ CRM_SECRET_KEY: short });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.message).toContain('CRM_SECRET_KEY="(hidden)": expected 32 bytes');
    expect(error.message).not.toContain(short);
    expect(JSON.stringify(error.issues)).not.toContain(short);
  });
});
