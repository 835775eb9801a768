import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useSignupMutation } from '../data/session/signup-mutation.ts';
import { FormError } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

export function SignupPage() {
  const signup = useSignupMutation();
  const [form, setForm] = useState({ name: '', email: '', password: '', companyName: '' });
  const action = useAction();
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password.length < 10) return action.setError('The password must be at least 10 characters.');
    await action.run(() =>
      signup.mutateAsync({
        email: form.email,
        password: form.password,
        companyName: form.companyName,
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
      }),
    );
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="signup-title">
        <p className="brand">TCP Agent Platform</p>
        <h1 id="signup-title">Create your account</h1>
        <label>
          Your name
          <input autoComplete="name" {...field('name')} />
        </label>
        <label>
          Email
          <input type="email" autoComplete="email" required {...field('email')} />
        </label>
        <label>
          Password <span className="hint">(at least 10 characters)</span>
          <input type="password" autoComplete="new-password" required minLength={10} {...field('password')} />
        </label>
        <label>
          Company name
          <input required autoComplete="organization" {...field('companyName')} />
        </label>
        <FormError message={action.error} />
        <button type="submit" disabled={action.pending}>
          {action.pending ? 'Creating…' : 'Create account'}
        </button>
        <p className="muted">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      </form>
    </main>
  );
}
