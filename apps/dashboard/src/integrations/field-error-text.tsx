/** The server's reason a field was refused, shown beside that field. */
export function FieldErrorText({ message }: { message: string }) {
  return (
    <span className="form-error" role="alert">
      {message}
    </span>
  );
}
