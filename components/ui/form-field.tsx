import type { ReactNode } from 'react';

/** What a field's control needs to be named by its label and described by its hint and error. */
export type FieldControl = {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
};

/** A server message as a sentence (zod's start in lower case). */
const sentence = (text: string) => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;

/** A field's server error, announced when it appears; `id` is what its control's aria-describedby names. */
export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      {sentence(message)}
    </p>
  );
}

/**
 * One labelled form control with its hint and its server error beside it. The control comes from
 * `children`, given the id, name and aria attributes that tie it to the label, the hint and the
 * error (announced when it appears). `id` defaults to `name`.
 */
export function FormField({
  name,
  id = name,
  label,
  hint,
  error,
  className,
  children,
}: {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId} message={error} /> : null}
    </div>
  );
}
