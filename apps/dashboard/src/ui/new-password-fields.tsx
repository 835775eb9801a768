/** A password being chosen, typed twice. */
export interface NewPassword {
  password: string;
  repeated: string;
}

export const EMPTY_NEW_PASSWORD: NewPassword = { password: '', repeated: '' };

/** The server's rule (PasswordSchema), checked here first so the person is told before anything is sent. */
const MIN_LENGTH = 10;

/** What is wrong with the password as typed, in words for the form, or null when it may be sent. */
export function newPasswordProblem({ password, repeated }: NewPassword): string | null {
  if (password.length < MIN_LENGTH) return `The password must be at least ${MIN_LENGTH} characters.`;
  if (password !== repeated) return 'The two passwords are not the same.';
  return null;
}

/** The new password and the same again, for every form where a person chooses one. */
export function NewPasswordFields(props: { value: NewPassword; onChange: (value: NewPassword) => void }) {
  const { value, onChange } = props;
  return (
    <>
      <label>
        New password <span className="hint">(at least {MIN_LENGTH} characters)</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
      </label>
      <label>
        New password again
        <input
          type="password"
          autoComplete="new-password"
          required
          value={value.repeated}
          onChange={(e) => onChange({ ...value, repeated: e.target.value })}
        />
      </label>
    </>
  );
}
