import type { LocationFields } from './location-body.ts';

/** The chosen sign-in's fields; secrets are password inputs, never filled in by the page. */
export function SecretFields(props: { fields: LocationFields; set: (changes: Partial<LocationFields>) => void }) {
  const { fields, set } = props;
  const input = (label: string, field: keyof LocationFields, secret: boolean) => (
    <label>
      {label}
      <input
        required
        type={secret ? 'password' : 'text'}
        autoComplete={secret ? 'new-password' : 'off'}
        value={fields[field] as string}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </label>
  );
  switch (fields.credentials) {
    case 'access_key':
      return (
        <>
          {input('Access key ID', 'accessKeyId', false)}
          {input('Secret access key', 'secretAccessKey', true)}
        </>
      );
    case 'sas':
      return input('SAS token', 'sasToken', true);
    case 'account_key':
      return input('Account key', 'accountKey', true);
    case 'service_account':
      // A password input drops line breaks; the key file's JSON stays valid without them.
      return input('Service account key (the JSON file’s text)', 'serviceAccountJson', true);
    case 'hmac':
      return (
        <>
          {input('HMAC access ID', 'accessId', false)}
          {input('HMAC secret', 'secret', true)}
        </>
      );
    default:
      return null;
  }
}
