import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';

it('reads the outbound settings, with a default sender and email off', () => {
  expect(parseConfig({})).toMatchObject({ MAIL_FROM: 'TCP Agent Platform <no-reply@localhost>' });
  expect(parseConfig({}).SMTP_URL).toBeUndefined();
  expect(
    parseConfig({
      OUTBOUND_ALLOW_HOSTS: 'hooks.internal, 10.0.0.0/8',
      SMTP_URL: 'smtps://apikey:SG.secret@smtp.sendgrid.net:465',
      MAIL_FROM: 'TCPA <alerts@example.com>',
    }),
  ).toMatchObject({
    OUTBOUND_ALLOW_HOSTS: 'hooks.internal, 10.0.0.0/8',
    SMTP_URL: 'smtps://apikey:SG.secret@smtp.sendgrid.net:465',
    MAIL_FROM: 'TCPA <alerts@example.com>',
  });
});

it('refuses an SMTP_URL that is not smtp:// or smtps://, without echoing its password', () => {
  let message = '';
  try {
    parseConfig({ SMTP_URL: 'https://apikey:SG.secret@smtp.sendgrid.net' });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL .*\(value hidden\)/);
  expect(message).not.toContain('SG.secret');
});

it('refuses an allow-list entry it cannot read, naming it', () => {
  expect(() => parseConfig({ OUTBOUND_ALLOW_HOSTS: 'hooks.internal 10.0.0.0/40' })).toThrow(
    /OUTBOUND_ALLOW_HOSTS: "10.0.0.0\/40" is not an IP range/,
  );
  expect(() => parseConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM: must be an address/);
});
