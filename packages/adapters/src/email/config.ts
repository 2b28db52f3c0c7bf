import { isEmail } from '@synpunkt/sdk';
import * as z from 'zod/mini';
import { parseConfig } from '../shared/config.js';

// Every check carries its own message: zod/mini has none ("Invalid input" names no reason).

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

/** One e-mail address, without a display name. */
const address = z
  .string({ error: 'must be an e-mail address (text)' })
  .check(z.refine(isEmail, { error: 'must be an e-mail address such as registrator@kommun.se' }));

/** One address or a non-empty list of them. */
const addresses = z.union([
  address,
  z.array(address).check(z.minLength(1, { error: 'must list at least one e-mail address' })),
]);

/** Text that ends up in a header (display names, labels): one line, no control characters. */
const label = (max: number) =>
  z.string({ error: 'must be text' }).check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(max, { error: `must be at most ${max} characters` }),
    z.refine((value: string) => !CONTROL.test(value), {
      error: 'must be one line without control characters',
    }),
  );

/** The message for an object: a wrong type, or which unknown keys it has (typos like `smpt`). */
const objectError = (keys: string) => ({
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown key ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: ${keys})`
      : `must be an object with ${keys}`,
});

const nonEmpty = (what: string) =>
  z.string({ error: `must be ${what}` }).check(z.minLength(1, { error: `must be ${what}` }));

const smtpSchema = z.strictObject(
  {
    /**
     * The SMTP server (the municipality's mail relay), such as `smtp.kommun.se`: a host name or
     * IP address alone. A URL (`smtp://user:pass@…`) is refused: nodemailer would look it up as
     * a name, fail every delivery as an outage and quote it, password included, in the error.
     */
    host: nonEmpty('the SMTP server host name').check(
      z.refine((value: string) => !/[@/\s]/.test(value), {
        error:
          'must be the host name or IP address alone, such as smtp.kommun.se, not a URL: the login goes in auth',
      }),
    ),
    /** 587 for submission with STARTTLS, 465 with implicit TLS (`secure: true`), 25 for relay. */
    port: z
      .number({ error: 'must be a port number' })
      .check(
        z.int({ error: 'must be a whole number' }),
        z.gte(1, { error: 'must be between 1 and 65535' }),
        z.lte(65535, { error: 'must be between 1 and 65535' }),
      ),
    /** `true` for implicit TLS (port 465); `false` to upgrade with STARTTLS (port 587). */
    secure: z.optional(z.boolean({ error: 'must be true or false' })),
    /** Refuse to send unless the server upgrades the connection with STARTTLS. */
    requireTLS: z.optional(z.boolean({ error: 'must be true or false' })),
    /** Never upgrade with STARTTLS. Only for a local test server: mail then travels in clear. */
    ignoreTLS: z.optional(z.boolean({ error: 'must be true or false' })),
    /** The login, when the server wants one. */
    auth: z.optional(
      z.strictObject(
        {
          /** The SMTP user name. */
          user: nonEmpty('the SMTP user name'),
          /** The SMTP password: read it from an environment variable, never write it in code. */
          pass: nonEmpty(
            'the SMTP password, read from an environment variable (is the variable set?)',
          ),
        },
        objectError('user, pass'),
      ),
    ),
  },
  objectError('host, port, secure, requireTLS, ignoreTLS, auth'),
);

const confirmationSchema = z.strictObject(
  {
    /** Whether a sender who gave an e-mail address gets a confirmation mail. */
    enabled: z.boolean({ error: 'must be true or false' }),
    /** Sender of the confirmation; defaults to `from`. */
    from: z.optional(address),
    /** Where a sender's answer to the confirmation goes; without it the mail says not to reply. */
    replyTo: z.optional(address),
  },
  objectError('enabled, from, replyTo'),
);

const CONFIRMATION_ERROR = 'must be a function (error, submissionId) => void';

/** The configuration schema of `emailAdapter`. */
export const emailConfigSchema = z.strictObject(
  {
    /** How to reach the SMTP server. */
    smtp: smtpSchema,
    /** The envelope and `From:` address of every mail the adapter sends. */
    from: address,
    /** Display name for `from`, such as `Exempelkommun synpunkter`. */
    fromName: z.optional(label(100)),
    /** Who receives the synpunkter: the registry clerk, per area or by default. */
    to: z.strictObject(
      {
        /** Where synpunkter go whose area has no address of its own. */
        default: addresses,
        /** Area id → address(es): routes a synpunkt to the unit that owns the service. */
        byArea: z.optional(z.record(z.string(), addresses)),
      },
      objectError('default, byArea'),
    ),
    /** Area id → the name the clerk sees (`aldreomsorg` → `Äldreomsorg`). Unknown ids show as is. */
    areaLabels: z.optional(z.record(z.string(), label(100))),
    /** Starts every reference: `SYN` gives `SYN-1A2B3C4D`. */
    referencePrefix: z._default(
      z
        .string({ error: 'must be text' })
        .check(z.regex(/^[A-Za-z0-9]{1,12}$/, { error: 'must be 1 to 12 letters A–Z or digits' })),
      'SYN',
    ),
    /** An optional confirmation mail to the sender, in Swedish or English. */
    confirmation: z.optional(confirmationSchema),
    /** The municipality's name, used in the confirmation mail (`Exempelkommun`). */
    municipalityName: z.optional(label(100)),
    /** Longest wait for the SMTP server at any step (connecting, greeting, each reply), in ms. */
    timeoutMs: z._default(
      z
        .number({ error: 'must be a number of milliseconds' })
        .check(
          z.int({ error: 'must be a whole number of milliseconds' }),
          z.gte(100, { error: 'must be at least 100 milliseconds' }),
        ),
      30_000,
    ),
    /** Told when a confirmation mail could not be sent (the synpunkt itself was delivered). */
    onConfirmationError: z.optional(
      z.custom<(error: unknown, submissionId: string) => void>(
        (value) => typeof value === 'function',
        { error: CONFIRMATION_ERROR },
      ),
    ),
  },
  objectError(
    'smtp, from, fromName, to, areaLabels, referencePrefix, confirmation, municipalityName, timeoutMs, onConfirmationError',
  ),
);

/** What `emailAdapter` accepts. */
export type EmailConfigInput = z.input<typeof emailConfigSchema>;
/** The validated configuration, defaults filled in. */
export type EmailConfig = z.output<typeof emailConfigSchema>;

/** Validates the configuration; throws a `TypeError` naming every wrong field. */
export function parseEmailConfig(input: unknown): EmailConfig {
  return parseConfig('emailAdapter', emailConfigSchema, input);
}
