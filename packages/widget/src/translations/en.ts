import type { Catalog } from './catalog.js';

/** English, for people who do not read Swedish well. */
export const en: Catalog = {
  locale: 'en',
  dateLocale: 'en-GB',

  routesHeading: 'Before you start',
  otherWaysHeading: 'Other ways to reach us',
  routes: {
    emergency: ['Is it an emergency?', 'Call 112'],
    appeal: ['Do you want to appeal a decision?', 'How to appeal'],
    faultReport: ['Is something broken, such as a street light?', 'Report a fault'],
    ivo: [
      'Has something serious happened in health or social care?',
      'Contact the Health and Social Care Inspectorate (IVO)',
    ],
    lexSarah: [
      'Have you, as an employee, seen a serious wrong in social care?',
      'How to report under lex Sarah',
    ],
  },
  appealStaff: ['Does the person want to appeal a decision?', 'How to appeal'],
  alternatives: 'Would you rather contact us another way?',
  alternativesStaff: "Can't register the feedback here?",

  optional: '(optional)',
  requiredForReply: 'Required if you want a reply',
  requiredForReplyStaff: 'Required if the person wants a reply',

  kindLegend: 'What kind of feedback is it?',
  kindLegendStaff: 'What kind of feedback does the person have?',
  kindHint: 'Making a complaint will not affect how you are treated.',
  kinds: {
    praise: { label: 'Praise', hint: 'Something that works well.' },
    suggestion: { label: 'Suggestion', hint: 'An idea for how something could be better.' },
    complaint: {
      label: 'Complaint',
      hint: 'Service or treatment by staff that was not good enough.',
    },
  },
  seriousLabel: 'Serious complaint',
  seriousHint:
    'Tick this if you judge the complaint to be serious. A serious complaint must always go straight to the manager responsible.',

  areaLabel: 'What is it about?',
  areaChoose: 'Choose',
  areaUnknown: "Don't know",

  messageLabel: 'Write your feedback',
  messageLabelStaff: 'Write what the person said',
  messageHint: 'Tell us what happened and what you think.',
  messageHintStaff: "Use the person's own words as far as you can.",
  messageCount: (count, max) => `${count} of ${max} characters`,
  messageOver: (over) => `${over} characters too many`,

  whenLabel: 'When did it happen?',
  whenHint: 'If you know.',
  whenHintStaff: 'If the person knows.',
  whereLabel: 'Where did it happen?',
  whereHint: 'An address or a place, for example the playground on Storgatan.',
  earlierLabel: 'Case number from an earlier contact',
  earlierHint:
    'Do you want to follow up a matter you have already had a reply about? Write the case number so that we can find it.',
  earlierHintStaff:
    'Does the person want to follow up a matter they have already had a reply about? Write the case number.',

  filesLabel: 'Attach files',
  filesHint: (count, perFile, together, types) =>
    `You can attach ${types}. At most ${count} files, at most ${perFile} each and ${together} in total.`,
  filesAdded: 'Attached files',
  filesChoose: 'Choose files',
  filesChooseMore: 'Add more files',
  fileRemove: (name) => `Remove ${name}`,
  fileRefusedType: (name, types) => `${name} cannot be attached. You can only attach ${types}.`,
  fileRefusedBytes: (name) =>
    `${name} cannot be attached. Its content is not what its name says. Save it again and retry.`,
  fileRefusedSize: (name, megabytes) => `${name} is too large. A file can be at most ${megabytes}.`,
  fileRefusedCount: (name, count) =>
    `${name} was not added. You can attach at most ${count} files.`,
  fileRefusedTotal: (name, megabytes) =>
    `${name} was not added. The files can be at most ${megabytes} in total.`,
  fileRefusedRead: (name) => `${name} could not be read. Please try again.`,
  fileRefusedEmpty: (name) => `${name} is empty and cannot be attached.`,
  fileRefusedDuplicate: (name) => `${name} is already attached.`,
  filesAddedNote: (names) => `Attached: ${names}.`,
  fileRemoved: (name) => `${name} was removed.`,
  failedWithFiles:
    'Files take a long time to send on a slow connection. You can remove files and try again.',
  filesNotRestored: (names) =>
    `Files are not kept when the page reloads. Add them again: ${names}.`,

  replyLegend: 'Would you like a reply?',
  replyLegendStaff: 'Would the person like a reply?',
  replyYes: 'Yes, I would like a reply',
  replyYesStaff: 'Yes, the person would like a reply',
  replyNo: 'No, I want to stay anonymous',
  replyNoStaff: 'No, the person wants to stay anonymous',
  anonymousNote: 'Then we cannot reply to you or ask you about your feedback.',
  anonymousNoteStaff: 'Then nobody can reply to the person or ask about the feedback.',
  contactUse: (who) => `Your contact details are used so that ${who} can reply to you.`,
  contactUseStaff: (who) => `The contact details are used so that ${who} can reply to the person.`,
  nameLabel: 'Name',
  viaLegend: 'How would you like the reply?',
  viaLegendStaff: 'How would the person like the reply?',
  viaEmail: 'E-mail',
  viaPhone: 'Phone',
  viaLetter: 'Letter',
  emailLabel: 'E-mail address',
  phoneLabel: 'Phone number',
  streetLabel: 'Street address',
  postalCodeLabel: 'Postcode',
  cityLabel: 'Town or city',

  channelLabel: 'How did the feedback come in?',
  channels: { phone: 'Phone', visit: 'Visit', letter: 'Letter', email: 'E-mail' },

  theMunicipality: 'the municipality',
  publicRecord: (who) =>
    `What you send to ${who} becomes a public document. This means others can ask to read it. Do not write sensitive details about yourself or others, such as health information.`,
  publicRecordStaff: (who) =>
    `What is sent to ${who} becomes a public document. Do not write sensitive details about the person or others, such as health information.`,
  privacyLink: 'How we handle your personal data',
  privacyLinkStaff: 'How we handle personal data',

  send: 'Send',
  sending: 'Sending…',
  summaryHeading: 'Something needs to be fixed',
  summaryItem: (field, message) => `${field}: ${message}`,

  failedHeading: 'Your feedback was not sent',
  failedRetryable:
    'Something went wrong when we tried to send it. Your text is still here. Please try again in a moment.',
  failedFinal:
    'Something went wrong, and we could not receive your feedback. Your text is still here. You can copy it and contact us another way.',
  failedStaff: {
    heading: 'The feedback was not registered',
    retryable:
      'Something went wrong when the feedback was being registered. The text is still here. Please try again in a moment.',
    final:
      'Something went wrong and the feedback could not be registered. The text is still here. Copy it and register the feedback another way.',
  },
  retry: 'Try again',
  notSent: 'Your feedback was not sent. Your text is still here.',

  receiptHeading: 'Thank you for your feedback!',
  receiptReference: 'Your case number',
  receiptReplyBy: (date) => `You will get a reply by ${date} at the latest.`,
  receiptNext: (who) =>
    `Your feedback goes to the person responsible at ${who}. Give the case number if you contact us.`,
  receiptNextAnonymous: (who) =>
    `Your feedback goes to the person responsible at ${who}. You will not get a reply, as you are anonymous.`,
  sendAnother: 'Send new feedback',
  receiptStaff: {
    heading: 'The feedback has been registered',
    reference: 'Case number',
    replyBy: (date) => `The person should get a reply by ${date} at the latest.`,
    next: (who) =>
      `The feedback goes to the person responsible at ${who}. Give the person the case number.`,
    nextAnonymous: (who) =>
      `The feedback goes to the person responsible at ${who}. The person is anonymous and will not get a reply.`,
    sendAnother: 'Register new feedback',
  },

  fields: {
    kind: 'Type of feedback',
    area: 'What it is about',
    message: 'Feedback',
    occurredAt: 'When',
    place: 'Where',
    earlierReference: 'Earlier case number',
    attachments: 'Files',
    replyWanted: 'Reply',
    via: 'How to reply',
    name: 'Name',
    email: 'E-mail address',
    phone: 'Phone number',
    street: 'Street address',
    postalCode: 'Postcode',
    city: 'Town or city',
    channel: 'How it came in',
    form: 'The form',
  },
  fieldsStaff: {
    via: 'How the person would like the reply',
  },
  required: {
    kind: 'Choose praise, suggestion or complaint.',
    area: "Choose what it is about. Choose “Don't know” if you are not sure.",
    message: 'Write your feedback.',
    occurredAt: 'Write a date or leave the field empty.',
    place: 'Write a place or leave the field empty.',
    earlierReference: 'Write the case number or leave the field empty.',
    attachments: 'Add the file again or remove it.',
    replyWanted: 'Choose whether you would like a reply.',
    via: 'Choose how you would like the reply.',
    name: 'Write your name.',
    email: 'Write your e-mail address.',
    phone: 'Write your phone number.',
    street: 'Write your street address.',
    postalCode: 'Write your postcode.',
    city: 'Write your town or city.',
    channel: 'Choose how the feedback came in.',
    form: 'Something is missing in the form. Reload the page and try again.',
  },
  requiredStaff: {
    area: "Choose what it is about. Choose “Don't know” if the person is not sure.",
    message: 'Write what the person said.',
    replyWanted: 'Choose whether the person would like a reply.',
    via: 'Choose how the person would like the reply.',
    name: "Write the person's name.",
    email: "Write the person's e-mail address.",
    phone: "Write the person's phone number.",
    street: "Write the person's street address.",
    postalCode: "Write the person's postcode.",
    city: "Write the person's town or city.",
  },
  contactNotAllowedStaff: 'The person wants to stay anonymous. Remove the contact details.',
  errors: {
    required: () => 'Fill this in or choose an option.',
    invalid_type: () => 'This cannot be used. Please fill it in again.',
    too_long: ({ max }) => `The text is too long. It can be at most ${max ?? ''} characters.`,
    invalid_characters: () => 'The text has characters that cannot be used. Please write it again.',
    invalid_value: () => 'Please choose one of the options.',
    unknown_key: () => 'The form sent something unknown. Reload the page and try again.',
    invalid_id: () => 'The form has an error. Reload the page and try again.',
    invalid_email: () => 'Write an e-mail address such as name@example.com.',
    invalid_phone: () => 'Write a phone number, for example +46 70 123 45 67.',
    invalid_postal_code: () => 'Write a Swedish postcode with five digits, for example 123 45.',
    invalid_date: () => 'Write a real date, for example 2026-03-15.',
    date_in_future: () => 'That date is in the future. Choose today or an earlier date.',
    invalid_url: () => "The page's address could not be read. Reload the page and try again.",
    contact_not_allowed: () => 'You chose to stay anonymous. Remove your contact details.',
    invalid_file_name: () => 'A file name cannot be used. Rename the file.',
    invalid_file_data: () => 'A file could not be read. Remove it and add it again.',
    file_type_not_allowed: ({ allowed }) =>
      `A file has the wrong type. You can attach ${allowed ?? 'JPEG, PNG and PDF'}.`,
    file_type_mismatch: () =>
      'A file is not the file type its name says. Save the file again, then add it again.',
    file_size_mismatch: () => 'Something went wrong with a file. Remove it and add it again.',
    file_too_large: ({ max }) => `A file is too large. It can be at most ${max ?? ''}.`,
    too_many_files: ({ max }) => `There are too many files. You can attach at most ${max ?? ''}.`,
    files_too_large: ({ max }) =>
      `The files are too large. In total they can be at most ${max ?? ''}.`,
    files_not_supported: () => 'Files cannot be attached here. Please remove them.',
    unsupported_version: () => 'The form is out of date. Reload the page and try again.',
  },
};
