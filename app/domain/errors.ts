/**
 * A rule was not met. `i18nKey` names the message (namespace:key) shown to the person; `field` ties it to a
 * form field; `params` fill the message. Routes and socket handlers turn it into a translated answer.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'throttled' | 'unauthenticated',
    public readonly i18nKey: string,
    public readonly params: Record<string, string | number> = {},
    public readonly field?: string,
  ) {
    super(`${code}: ${i18nKey}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
