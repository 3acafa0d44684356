/** Turns what a composer sent into a stored post body: validated Tiptap JSON, safe HTML, plain text, language. */
import { DomainError } from '#app/domain/errors';
import { validateDocument, type RichTextDoc } from '#app/editor/validate';
import { plainTextToDocument } from '#app/editor/plain-text';
import { renderDocument } from '#app/editor/render.server';
import { detectLanguage, isContentLanguage } from './language';

export interface ComposedBody {
  doc: RichTextDoc;
  html: string;
  text: string;
  language: string;
  languageSource: 'detected' | 'author';
}

export interface ComposerInput {
  body?: string;
  bodyText?: string;
  language: string;
}

export function composeBody(input: ComposerInput, interfaceLanguage: string, prefix?: RichTextDoc): ComposedBody {
  let raw: unknown;
  if (input.body) {
    try {
      raw = JSON.parse(input.body);
    } catch {
      throw new DomainError('invalid', 'editor:errors.invalid', {}, 'body');
    }
  } else {
    raw = plainTextToDocument(input.bodyText ?? '');
  }
  const own = validateDocument(raw);
  if (!own.ok) throw new DomainError('invalid', own.error, {}, 'body');
  const full = prefix ? validateDocument({ type: 'doc', content: [...(prefix.content ?? []), ...(own.doc.content ?? [])] }) : own;
  if (!full.ok) throw new DomainError('invalid', full.error, {}, 'body');
  const chosen = isContentLanguage(input.language);
  return {
    doc: full.doc,
    html: renderDocument(full.doc),
    text: full.text,
    // Detect from the author's own words, not from what they quoted.
    language: chosen ? input.language : detectLanguage(own.text, interfaceLanguage),
    languageSource: chosen ? 'author' : 'detected',
  };
}
