/** Shapes of form results, shared by route actions and the components that show them. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

export interface FormFailure {
  ok: false;
  fields: Record<string, string>;
  errors: Record<string, FieldError>;
}
