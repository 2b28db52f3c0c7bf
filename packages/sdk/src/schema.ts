import * as z from 'zod/mini';
import type { ErrorCode, ValidationIssue } from './errors.js';
import {
  base64ByteLength,
  hasBidiControls,
  hasForbiddenCharacters,
  isBase64,
  isEmail,
  isFileName,
  isHttpUrl,
  isInstant,
  isLocalDateTime,
  sniffMediaType,
  toE164,
  toPostalCode,
} from './fields.js';
import { LIMITS } from './limits.js';
import type { Submission } from './submission.js';
import {
  ATTACHMENT_TYPES,
  CHANNELS,
  KINDS,
  MODES,
  REPLY_CHANNELS,
  SCHEMA_VERSION,
} from './vocabulary.js';

// zod/mini rather than zod: this schema goes into the widget's browser bundle (6 KB, not 25).
// Our own error codes travel in `params.code` of custom issues; `toIssues` maps the rest.

const fail = (code: ErrorCode) => ({ params: { code } });

/** Trimmed text that must not be empty. */
const text = (max: number, multiline = false) =>
  z.string().check(
    z.trim(),
    // An empty field is `required` and nothing else.
    z.minLength(1, { abort: true }),
    z.maxLength(max),
    z.refine(
      (value: string) => !hasForbiddenCharacters(value, multiline),
      fail('invalid_characters'),
    ),
  );

/** Run object-level checks even when a field failed, so the sender sees every problem at once. */
const always = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null,
};

/**
 * Text that comes out normalised (`normalise` gives `undefined` for a value it cannot read).
 * Checks rather than a pipe into a transform, which would add both to the browser bundle: the
 * refine runs only on text that passed every check before it, as a pipe's second stage would,
 * and its issue continues (does not hold back the object-level checks), as a transform's did.
 */
const normalised = (
  max: number,
  code: ErrorCode,
  normalise: (value: string) => string | undefined,
) =>
  text(max).check(
    z.refine((value: string) => normalise(value) !== undefined, {
      ...fail(code),
      when: (payload) => payload.issues.length === 0,
    }),
    z.overwrite((value: string) => normalise(value) ?? value),
  );

const email = text(LIMITS.emailMax).check(z.refine(isEmail, fail('invalid_email')));
const phone = normalised(40, 'invalid_phone', toE164);

/** A postal address in Sweden, for a reply by letter. */
const address = z.strictObject({
  street: text(LIMITS.streetMax),
  postalCode: normalised(20, 'invalid_postal_code', toPostalCode),
  city: text(LIMITS.cityMax),
});

/** Contact fields that an anonymous sender must not send. */
export const CONTACT_KEYS = ['name', 'email', 'phone', 'address', 'via'] as const;

const anonymous = z.strictObject({ wanted: z.literal(false) });

const replyWanted = z
  .strictObject({
    wanted: z.literal(true),
    via: z.enum(REPLY_CHANNELS),
    name: text(LIMITS.nameMax),
    email: z.exactOptional(email),
    phone: z.exactOptional(phone),
    address: z.exactOptional(address),
  })
  .check(
    z.superRefine((reply, ctx) => {
      // The field for the chosen channel is the one that must be there.
      if (!(REPLY_CHANNELS as readonly string[]).includes(reply.via)) return;
      const needed = reply.via === 'letter' ? 'address' : reply.via;
      if (reply[needed] === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: reply,
          path: [needed],
          message: 'required',
          params: { code: 'required' },
        });
      }
    }, always),
  );

const fileName = z.string().check(
  z.trim(),
  z.minLength(1, { abort: true }),
  z.maxLength(LIMITS.fileNameMax),
  // A name, not a path; control characters could forge lines in e-mail headers or logs.
  z.refine(isFileName, fail('invalid_file_name')),
);

const attachment = z
  .strictObject({
    name: fileName,
    type: z.enum(ATTACHMENT_TYPES),
    size: z.number().check(z.int(), z.positive()),
    data: z.string().check(z.refine(isBase64, fail('invalid_file_data'))),
  })
  .check(
    z.superRefine((file, ctx) => {
      const push = (path: string, code: ErrorCode, max?: number) =>
        ctx.issues.push({
          code: 'custom',
          input: file,
          path: [path],
          message: code,
          params: max === undefined ? { code } : { code, max },
        });
      if (typeof file.size !== 'number' || typeof file.data !== 'string') return;
      if (file.size > LIMITS.attachmentBytesMax)
        push('size', 'file_too_large', LIMITS.attachmentBytesMax);
      else if (isBase64(file.data) && base64ByteLength(file.data) !== file.size)
        push('size', 'file_size_mismatch');
      const knownType = (ATTACHMENT_TYPES as readonly string[]).includes(file.type);
      if (knownType && isBase64(file.data) && sniffMediaType(file.data) !== file.type)
        push('type', 'file_type_mismatch');
    }, always),
  );

const attachments = z.array(attachment).check(
  z.maxLength(LIMITS.attachmentCountMax),
  z.superRefine(
    (files, ctx) => {
      const total = files.reduce(
        (sum, file) => sum + (typeof file.size === 'number' ? file.size : 0),
        0,
      );
      if (total > LIMITS.attachmentsTotalBytesMax) {
        ctx.issues.push({
          code: 'custom',
          input: files,
          message: 'files_too_large',
          params: { code: 'files_too_large', max: LIMITS.attachmentsTotalBytesMax },
        });
      }
    },
    { when: (payload) => Array.isArray(payload.value) },
  ),
);

/*
 * The submission: one synpunkt as it travels from the form to the municipality.
 *
 * Strict: unknown keys are refused, never silently dropped. Strings are trimmed and bounded
 * (see `LIMITS` for each bound and why). Phone numbers come out in E.164, postal codes as
 * `NNN NN`. Attachments are checked by their bytes, not only their claimed type.
 */
const submissionSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** Client-generated UUID: the idempotency key, the same on every retry. */
    id: z
      .string()
      .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i)),
    kind: z.enum(KINDS),
    /** The id of the service it concerns, from the municipality's list, or `unknown`. */
    area: text(LIMITS.areaMax),
    message: text(LIMITS.messageMax, true),
    /** When it happened, as the sender knows it: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
    occurredAt: z.exactOptional(z.string().check(z.refine(isLocalDateTime, fail('invalid_date')))),
    /** Where it happened: an address or a description. */
    place: z.exactOptional(text(LIMITS.placeMax)),
    /**
     * The case number of an earlier contact about the same matter, when the sender takes it
     * further. One line; no text-direction controls, so the clerk sees the number that was sent.
     * Empty after trimming is no number (dropped below), not a missing one.
     */
    earlierReference: z.exactOptional(
      z.string().check(
        z.trim(),
        z.maxLength(LIMITS.earlierReferenceMax),
        z.refine(
          (value: string) => !hasForbiddenCharacters(value) && !hasBidiControls(value),
          fail('invalid_characters'),
        ),
      ),
    ),
    /**
     * Staff judge the complaint serious: it goes to the nearest manager at once. Only `true`;
     * absent is not serious (one way to say it, so no receiver has to read `false`).
     */
    serious: z.exactOptional(z.literal(true)),
    reply: z.discriminatedUnion('wanted', [anonymous, replyWanted]),
    attachments: z._default(attachments, []),
    /** The language the sender used (BCP 47: `sv`, `en`, `fi`, `se`…). */
    locale: text(35).check(z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)),
    mode: z.enum(MODES),
    channel: z.enum(CHANNELS),
    /** When the sender pressed send, as an ISO 8601 instant. */
    submittedAt: z.string().check(z.refine(isInstant, fail('invalid_date'))),
    /** The page the form was on. */
    pageUrl: text(LIMITS.urlMax).check(z.refine(isHttpUrl, fail('invalid_url'))),
  })
  .check(
    z.superRefine((submission, ctx) => {
      // Something that happened cannot have happened after it was reported (a day's slack for time zones).
      const { occurredAt, submittedAt } = submission;
      if (
        typeof occurredAt === 'string' &&
        typeof submittedAt === 'string' &&
        isLocalDateTime(occurredAt)
      ) {
        const limit = Date.parse(submittedAt) + 24 * 3600 * 1000;
        if (Date.parse(`${occurredAt.slice(0, 10)}T00:00:00Z`) > limit) {
          ctx.issues.push({
            code: 'custom',
            input: occurredAt,
            path: ['occurredAt'],
            message: 'date_in_future',
            params: { code: 'date_in_future' },
          });
        }
      }
      // Serious is staff's judgement of a complaint they register, not a sender's own flag.
      if (
        submission.serious === true &&
        (submission.kind !== 'complaint' || submission.channel === 'web')
      ) {
        ctx.issues.push({
          code: 'custom',
          input: submission.serious,
          path: ['serious'],
          message: 'invalid_value',
          params: { code: 'invalid_value' },
        });
      }
    }, always),
    // A field left blank (`"earlierReference": " "`) is none: the receiver gets no empty key.
    z.overwrite((submission) => {
      if (submission.earlierReference === '') delete submission.earlierReference;
      return submission;
    }),
  );

// The documented interfaces in submission.ts must stay exactly what the schema produces.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<z.output<typeof submissionSchema>, Submission> = true;
void schemaMatchesInterface;

/** The result of `parseSubmission`: the normalised submission, or every issue found. */
export type ParseResult = ParseSuccess | ParseFailure;

/** A valid submission. */
export interface ParseSuccess {
  /** It is valid. */
  success: true;
  /** The submission, trimmed and normalised. */
  data: Submission;
}

/** An invalid submission. */
export interface ParseFailure {
  /** It is not valid. */
  success: false;
  /** Everything wrong with it. */
  issues: ValidationIssue[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Keys that would poison an object's prototype if anything downstream merged the input, added
 * to `issues`. Not into an array longer than any the schema takes (it refuses that array
 * anyway): a body of a million tiny objects must not take seconds, or the stack.
 */
function forbiddenKeys(
  value: unknown,
  issues: ValidationIssue[],
  path: (string | number)[] = [],
  depth = 0,
): ValidationIssue[] {
  if (depth > 8 || typeof value !== 'object' || value === null) return issues;
  if (Array.isArray(value) && value.length > LIMITS.attachmentCountMax) return issues;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (FORBIDDEN_KEYS.has(key)) issues.push({ path: [...path, key], code: 'unknown_key' });
    else
      forbiddenKeys(child, issues, [...path, Array.isArray(value) ? Number(key) : key], depth + 1);
  }
  return issues;
}

function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Maps zod's issues to our codes and paths. */
function toIssues(input: unknown, raw: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of raw) {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const last = path.at(-1);
    switch (issue.code) {
      case 'custom': {
        const params = (issue.params ?? {}) as { code?: ErrorCode; max?: number };
        const code = params.code ?? 'invalid_type';
        issues.push(
          params.max === undefined ? { path, code } : { path, code, params: { max: params.max } },
        );
        break;
      }
      case 'invalid_type':
        issues.push({ path, code: at(input, path) === undefined ? 'required' : 'invalid_type' });
        break;
      case 'too_small':
        issues.push({ path, code: issue.origin === 'string' ? 'required' : 'invalid_value' });
        break;
      case 'too_big':
        if (last === 'attachments')
          issues.push({ path, code: 'too_many_files', params: { max: Number(issue.maximum) } });
        else issues.push({ path, code: 'too_long', params: { max: Number(issue.maximum) } });
        break;
      case 'invalid_value':
        if (last === 'schemaVersion') issues.push({ path, code: 'unsupported_version' });
        else if (at(input, path) === undefined) issues.push({ path, code: 'required' });
        else
          issues.push({
            path,
            code: 'invalid_value',
            params: { allowed: issue.values.map(String) },
          });
        break;
      case 'invalid_union':
        // Only the reply's discriminator can get here: `wanted` must be true or false.
        issues.push({ path, code: at(input, path) === undefined ? 'required' : 'invalid_value' });
        break;
      case 'unrecognized_keys': {
        const anonymousReply = last === 'reply' && at(input, [...path, 'wanted']) === false;
        for (const key of issue.keys) {
          const contact = anonymousReply && (CONTACT_KEYS as readonly string[]).includes(key);
          issues.push({
            path: [...path, key],
            code: contact ? 'contact_not_allowed' : 'unknown_key',
          });
        }
        break;
      }
      case 'invalid_format':
        issues.push({ path, code: formatCode(last) });
        break;
      default:
        issues.push({ path, code: 'invalid_value' });
    }
  }
  return issues;
}

function formatCode(field: string | number | undefined): ErrorCode {
  if (field === 'id') return 'invalid_id';
  if (field === 'submittedAt') return 'invalid_date';
  return 'invalid_value';
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.join('\u0000')}|${issue.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validates and normalises anything that claims to be a submission. Never throws: bad input of
 * any shape gives a list of issues with paths and codes.
 */
export function parseSubmission(input: unknown): ParseResult {
  const forbidden = forbiddenKeys(input, []);
  const result = submissionSchema.safeParse(input);
  if (result.success && forbidden.length === 0) return { success: true, data: result.data };
  const issues = result.success ? [] : toIssues(input, result.error.issues);
  return { success: false, issues: dedupe([...forbidden, ...issues]) };
}
