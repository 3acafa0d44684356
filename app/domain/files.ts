/**
 * Uploaded files as forms and the domain see them: how many, how large, and a zod field that says so next to
 * the file input. What a file really is comes from its bytes (files.server.ts), never from its name.
 */
import { z } from 'zod';

export const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 10;
/** The type the upload reader gives a file it did not keep because it was too large. */
export const OVERSIZED_FILE_TYPE = 'application/x-weltoffen-oversized';

const isFile = (value: unknown): value is File => typeof File !== 'undefined' && value instanceof File;

/** Zero or more files of one input; an input left empty is no file. */
export const uploadedFiles = (options: { max?: number } = {}) =>
  z
    .preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(z.unknown()))
    .superRefine((values, context) => {
      if (values.length > (options.max ?? MAX_UPLOAD_FILES)) context.addIssue({ code: 'custom', message: encodeMax('common:errors.tooManyFiles', options.max ?? MAX_UPLOAD_FILES) });
      for (const value of values) {
        if (!isFile(value)) context.addIssue({ code: 'custom', message: 'common:errors.invalid' });
        else if (value.type === OVERSIZED_FILE_TYPE) context.addIssue({ code: 'custom', message: `common:errors.fileTooLarge|${JSON.stringify({ name: value.name, megabytes: MAX_UPLOAD_FILE_BYTES / 1024 / 1024 })}` });
      }
    })
    .transform((values) => values.filter(isFile).filter((file) => file.size > 0));

const encodeMax = (key: string, max: number) => `${key}|${JSON.stringify({ max })}`;
