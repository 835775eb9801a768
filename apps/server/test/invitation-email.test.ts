import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './people.ts';
import { type AccountMail, linkIn, startAccountMail } from './support/account-mail.ts';
import { waitUntil } from './wait-until.ts';

describe('invitation emails', () => {
  let mail: AccountMail;

  beforeAll(async () => {
    mail = await startAccountMail();
  });
  afterAll(() => mail?.close());

  it('emails the invitee the link the API answered with: who invited them, to which company, until when', async () => {
    const owner = await signUp(mail.server, 'boss@acme.test', 'Acme Freight');
    await mail.server.sql(`update users set name = 'Dana Boss' where id = $1`, [owner.userId]);
    const created = await mail.server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'New.Hire@Example.test', role: 'admin' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.link).toMatch(/^https:\/\/tcpa\.example\.com\/invite\?token=/);
    expect(created.body.emailed).toBe(true);

    const email = await mail.mailTo('new.hire@example.test', /invited you/);
    expect(email.to).toBe('new.hire@example.test');
    expect(email.subject).toBe('Dana Boss invited you to Acme Freight on TCP Agent Platform');
    expect(linkIn(email, 'invite').link).toBe(created.body.link);
    const expires = `${created.body.invitation.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
    expect(email.text).toContain(`Dana Boss (boss@acme.test) invited you to join Acme Freight as an admin.`);
    expect(email.text).toContain(`The invitation works until ${expires}.`);
    expect(email.html).toContain('Acme Freight');
    expect(email.html).toContain(expires);

    // Recorded as delivered a moment after the SMTP server took it.
    const stored = await waitUntil('the delivery to be recorded', async () => {
      const rows = await mail.server.sql(
        `select company_id, status, payload, payload_sealed from notification_deliveries
         where event_type = 'invitation.created' and status <> 'pending'`,
      );
      return rows.length > 0 && rows;
    });
    expect(stored).toEqual([{ company_id: owner.companyId, status: 'delivered', payload: null, payload_sealed: null }]);
  });

  it('emails a new link when the invitation is sent again, and the first one stops working', async () => {
    const owner = await signUp(mail.server, 'boss@again.test', 'Again Co');
    const invite = () =>
      mail.server.request('POST', '/api/v1/invitations', {
        token: owner.token,
        body: { email: 'again@example.test', role: 'member' },
      });
    const first = await invite();
    const second = await invite();
    await mail.inbox.waitFor(
      () => mail.inbox.messages.filter((email) => email.envelopeTo.includes('again@example.test')).length === 2,
    );
    const links = mail.inbox.messages
      .filter((email) => email.envelopeTo.includes('again@example.test'))
      .map((email) => linkIn(email, 'invite').link);
    expect(links.sort()).toEqual([first.body.link, second.body.link].sort());
    const stale = await mail.server.request('POST', '/api/v1/invitations/accept', {
      body: { token: first.body.token, password: 'correct horse battery staple' },
    });
    expect(stale.status).toBe(404);
    expect(stale.body.error.message).toMatch(/invitation/i);
  });
});
