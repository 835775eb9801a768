import { DatabaseError } from '@tcpa/db';
import { AppError } from './app-error.ts';

/**
 * For a query's `.catch`: a unique violation of `constraint` (a name taken in its scope) becomes
 * a 409 naming the name and the field, so a form can show it beside the name; anything else passes.
 */
export function refuseDuplicateName(constraint: string, thing: string, name: string | undefined) {
  return (error: unknown): never => {
    if (error instanceof DatabaseError && error.constraint === constraint) {
      throw new AppError('conflict', `${thing} named "${name}" already exists: pick another name`, { field: 'name' });
    }
    throw error;
  };
}
