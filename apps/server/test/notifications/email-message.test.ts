import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailContent, renderEmail } from '../../src/features/notifications/email-message.ts';
import {
  createMailTransport,
  MailSendError,
  type MailTransport,
} from '../../src/features/notifications/mail-transport.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';
import { agentOffline, hostile, manyOffline } from './sample-messages.ts';

let inbox: SmtpInbox;
let transport: MailTransport;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  transport = createMailTransport({ smtpUrl: inbox.url, mailFrom: 'TCPA Alerts <alerts@tcpa.test>' }) as MailTransport;
});
afterAll(async () => {
  transport.close();
  await inbox.close();
});

describe('emailContent', () => {
  it('sends an alert to each recipient, none seeing the others, with text and HTML parts both with the link', async () => {
    const content = emailContent(agentOffline, 'Acme');
    const sent = await transport.send({ recipients: ['ops@acme.test', 'oncall@acme.test'], ...content });
    expect(sent.response).toMatch(/^250/);
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    const mail = await inbox.waitFor((received) => received.subject.includes('web-1'));
    expect(mail.subject).toBe('[TCPA] [critical] Agent "web-1" offline for 5 minutes');
    expect(mail.envelopeTo).toEqual(['ops@acme.test', 'oncall@acme.test']);
    expect(mail.to).toBe('"undisclosed-recipients":;');
    expect(mail.mime.headers.bcc).toBeUndefined();
    const headerSection = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n'));
    expect(headerSection).not.toContain('ops@acme.test');
    expect(headerSection).not.toContain('oncall@acme.test');
    expect(mail.from).toBe('TCPA Alerts <alerts@tcpa.test>');
    expect(mail.text).toContain('Open agent: https://tcpa.example.com/projects/p1/agents/a1');
    expect(mail.text).toContain('Agent: web-1');
    expect(mail.text).toContain('Acme');
    expect(mail.html).toContain('href="https://tcpa.example.com/projects/p1/agents/a1"');
    expect(mail.html).toContain('>Open agent</a>');
    expect(mail.html).toContain('web-1');
  });
  it('lists a burst with "and N more" in both parts', async () => {
    await transport.send({ recipients: ['ops@acme.test'], ...emailContent(manyOffline, 'Acme') });
    const mail = await inbox.waitFor((received) => received.subject.includes('200 agents'));
    expect(mail.subject).toBe('[TCPA] [warning] 200 agents offline in project "Prod"');
    expect(mail.to).toBe('ops@acme.test');
    expect(mail.text).toMatch(/- agent-20\nand 180 more/);
    expect(mail.html).toMatch(/<li>agent-20<\/li><li[^>]*>and 180 more<\/li>/);
  });
  it('escapes HTML from the message: a <script> in a title is shown, never run', async () => {
    await transport.send({ recipients: ['ops@acme.test'], ...emailContent(hostile, 'Acme <Corp>') });
    const mail = await inbox.waitFor((received) => received.subject.includes('friends'));
    expect(mail.subject).toBe('[TCPA] [info] Agent <script>alert(1)</script> & "friends" <!channel>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>bold</b>');
    expect(mail.html).toContain('Agent &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(mail.html).toContain('Acme &lt;Corp&gt;');
    expect(mail.html).toContain('href="https://tcpa.example.com/x?a=1&amp;b=&lt;2&gt;"');
    expect(mail.text).toContain('Agent <script>alert(1)</script>');
  });
  it('says resolved in the subject of a resolved alert', () => {
    expect(emailContent({ ...agentOffline, kind: 'alert_resolved' }, 'Acme').subject).toBe(
      '[TCPA] [resolved] Agent "web-1" offline for 5 minutes',
    );
  });
});

describe('renderEmail', () => {
  it('gives transactional emails the same look, with the action as a button and as a URL', async () => {
    const content = renderEmail({
      subject: 'You are invited to Acme\r\nBcc: evil@example.com',
      heading: 'Join Acme on TCP Agent Platform',
      paragraphs: ['Ada invited you.', 'The invitation expires in 7 days.'],
      action: { label: 'Accept invitation', url: 'https://tcpa.example.com/invite/abc' },
      footer: 'If you did not expect this, ignore it.',
    });
    expect(content.subject).toBe('You are invited to Acme Bcc: evil@example.com');
    await transport.send({ recipients: ['new@acme.test'], ...content });
    const mail = await inbox.waitFor((received) => received.subject.startsWith('You are invited'));
    expect(mail.mime.headers.bcc).toBeUndefined();
    expect(mail.text).toBe(
      'Join Acme on TCP Agent Platform\n\nAda invited you.\n\nThe invitation expires in 7 days.\n\n' +
        'Accept invitation: https://tcpa.example.com/invite/abc\n\n--\nIf you did not expect this, ignore it.\n',
    );
    expect(mail.html).toContain('href="https://tcpa.example.com/invite/abc"');
    expect(mail.html).toContain('The invitation expires in 7 days.');
  });
  it('never makes a button of a non-web link', () => {
    const { html } = renderEmail({
      subject: 's',
      heading: 'h',
      paragraphs: [],
      action: { label: 'Open', url: 'javascript:alert(1)' },
    });
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('Open: javascript:alert(1)');
  });
});

describe('createMailTransport', () => {
  it('is off without SMTP_URL', () => {
    expect(createMailTransport({ smtpUrl: undefined, mailFrom: 'a@b.test' })).toBeUndefined();
  });
  it('gives the SMTP reply code of a refused message', async () => {
    inbox.refuseNext(550, 'mailbox unavailable');
    const error = await transport
      .send({ recipients: ['gone@acme.test'], subject: 's', text: 't', html: '<p>t</p>' })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as MailSendError).responseCode).toBe(550);
    expect((error as MailSendError).message).toContain('mailbox unavailable');
  });
  it('fails with a connection error when nothing listens', async () => {
    const closed = await startSmtpInbox();
    await closed.close();
    const offline = createMailTransport({ smtpUrl: closed.url, mailFrom: 'a@b.test' }) as MailTransport;
    const error = await offline.send({ recipients: ['x@acme.test'], subject: 's', text: 't', html: 't' }).then(
      () => undefined,
      (failure: unknown) => failure as MailSendError,
    );
    offline.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect(error?.message).toMatch(/ECONNREFUSED/);
    expect(error?.responseCode).toBeUndefined();
  });
});
