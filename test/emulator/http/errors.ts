/**
 * The server's error body `{code, message, data}` (tools/rest/api_error.go), with the
 * message "sentenized" exactly like inflector.Sentenize does.
 */

/** One field's validation failure, as resolveValidationErrors() renders it. */
export interface FieldError {
  code: string;
  message: string;
}

/** Nested validation errors keyed by field name (or slice index for schema fields). */
export interface ValidationErrors {
  [field: string]: FieldError | ValidationErrors;
}

/** Capitalises the first letter and adds a final period unless the text ends with . ? or !. */
export function sentenize(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const upper = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.?!]$/.test(upper) ? upper : `${upper}.`;
}

export class ApiError extends Error {
  readonly code: number;
  readonly data: ValidationErrors;

  constructor(code: number, message: string, data: ValidationErrors = {}) {
    super(sentenize(message));
    this.name = 'ApiError';
    this.code = code;
    this.data = data;
  }

  toJSON(): { code: number; message: string; data: ValidationErrors } {
    return { code: this.code, message: this.message, data: this.data };
  }
}

/**
 * An echo.HTTPError (e.g. echo.ErrNotFound from the `/api/*` catch-all): its body message is
 * sentenized by the error handler, but the request log keeps echo's raw text (`Not Found`).
 */
export class EchoHttpError extends ApiError {
  readonly rawMessage: string;

  constructor(code: number, message: string) {
    super(code, message);
    this.rawMessage = message;
  }
}

/** A validation.NewError equivalent; the message is sentenized when rendered. */
export function fieldError(code: string, message: string): FieldError {
  return { code, message: sentenize(message) };
}

// Like rest.New*Error, an empty message falls back to the default one.
export const notFound = (message = '', data?: ValidationErrors): ApiError =>
  new ApiError(404, message || "The requested resource wasn't found.", data);
export const badRequest = (message = '', data?: ValidationErrors): ApiError =>
  new ApiError(400, message || 'Something went wrong while processing your request.', data);
export const forbidden = (message = ''): ApiError => new ApiError(403, message || 'You are not allowed to perform this request.');
export const unauthorized = (message = ''): ApiError => new ApiError(401, message || 'Missing or invalid authentication token.');

/**
 * Thrown by form validation; the echo error handler turns a bare validation error into
 * a 400 "Something went wrong..." unless a handler wraps it with its own message.
 */
export class ValidationFailure extends Error {
  readonly errors: ValidationErrors;
  constructor(errors: ValidationErrors) {
    super('validation failed');
    this.name = 'ValidationFailure';
    this.errors = errors;
  }
}

/** Wraps any failure the way `rest.NewBadRequestError(message, err)` would. */
export function wrapBadRequest(message: string, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return badRequest(message, err instanceof ValidationFailure ? err.errors : {});
}

/** Non-empty errors → throws ValidationFailure. */
export function throwIfInvalid(errors: ValidationErrors): void {
  if (Object.keys(errors).length > 0) throw new ValidationFailure(errors);
}
