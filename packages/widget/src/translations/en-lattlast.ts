import type { LattlastCatalog } from './catalog.js';

const reload = () => 'Something went wrong. Open the page again and try one more time.';
const file = () => 'Something is wrong with a file. Remove the file or choose another file.';

/**
 * Easy-read English: short sentences, common words, "you", no abbreviations. The same word for
 * the same thing: always "feedback", always "answer".
 */
export const enLattlast: LattlastCatalog = {
  toggle: 'Easy to read',
  progress: (step, total) => `Step ${step} of ${total}`,
  back: 'Back',
  next: 'Next',
  listen: 'Listen',
  stopListening: 'Stop reading',
  change: 'Change',
  addFilesAgain: 'Add the files again',
  requiredChoice: {
    area: 'Choose what it is about. Choose “Do not know” if you are not sure.',
    replyWanted: 'Choose if you want an answer.',
    via: 'Choose how you want the answer.',
  },
  failedHeading: 'Your feedback was not sent',
  failedRetryable:
    'It could not be sent. Your text is still here. Wait a moment. Then press “Try again”.',
  failedFinal:
    'It could not be sent. Your text is still here. Copy the text. Send it to the municipality another way.',
  steps: {
    kind: {
      heading: 'What kind of feedback do you have?',
      instruction: 'Choose the best one. You may complain. It will not make things worse for you.',
    },
    area: {
      heading: 'What is your feedback about?',
      instruction: 'Choose one answer. Choose “Do not know” if you are not sure.',
    },
    message: {
      heading: 'Write your feedback',
      instruction: 'Tell us what happened. You can also write where and when it happened.',
    },
    reply: { heading: 'Do you want an answer?', instruction: 'Choose yes or no.' },
    review: {
      heading: 'Is everything right?',
      instruction: 'Read your feedback. Choose “Send” when everything is right.',
    },
  },

  kinds: {
    praise: { label: 'Praise', hint: 'You think something is good.' },
    suggestion: { label: 'Suggestion', hint: 'You have an idea to make something better.' },
    complaint: { label: 'Complaint', hint: 'You think something is wrong.' },
  },
  areaUnknown: 'Do not know',
  requiredForReply: 'Write your name. Choose how we should answer you.',
  contactUse: () => 'We use your details to answer you.',
  replyLegend: 'Do you want an answer?',
  replyYes: 'Yes, I want an answer',
  replyNo: 'No, I will send it without my name',
  viaLegend: 'How do you want the answer?',
  publicRecord: (who) =>
    `What you send to ${who} becomes a public document. This means other people can read it. Do not write private things about you or others. For example about health.`,
  privacyLink: 'How we use your details',

  receiptReference: 'Your feedback number',
  receiptReplyBy: (date) => `You will get an answer by ${date}.`,
  receiptNext: (who) =>
    `Now ${who} will read your feedback. Keep the number. Give the number when you contact us.`,
  receiptNextAnonymous: (who) =>
    `Now ${who} will read your feedback. You sent it without your name. So you will get no answer.`,

  summaryHeading: 'You need to change something',
  filesNotRestored: (names) =>
    `Your files are not here any more: ${names}. The page started again. That removes files. Choose “Add the files again”. This takes you to the usual form.`,
  // The review step's labels: the same words as the steps' questions.
  fields: {
    kind: 'Kind of feedback',
    area: 'What it is about',
    message: 'Your feedback',
    occurredAt: 'When',
    place: 'Where',
    earlierReference: 'The number from last time you contacted us',
    attachments: 'Files',
    replyWanted: 'Do you want an answer',
    via: 'How you want the answer',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone number',
    street: 'Street address',
    postalCode: 'Postcode',
    city: 'Town or city',
    channel: 'How the feedback came in',
    form: 'The form',
  },

  errors: {
    required: () => 'Fill this in.',
    invalid_type: () => 'Something went wrong. Fill this in again.',
    too_long: ({ max }) => `The text is too long. You can write up to ${max ?? ''} characters.`,
    invalid_characters: () =>
      'The text has letters or symbols we cannot read. Write the text again.',
    invalid_value: () => 'Choose one of the answers.',
    unknown_key: reload,
    invalid_id: reload,
    invalid_email: () => 'Write your e-mail like this: name@example.com',
    invalid_phone: () => 'Write your phone number like this: 070-123 45 67',
    invalid_postal_code: () => 'Write your postcode like this: 123 45',
    invalid_date: () => 'Write a date like this: 2026-03-15',
    date_in_future: () => 'Choose today or a day before today.',
    invalid_url: reload,
    contact_not_allowed: () =>
      'You chose to send it without your name. Remove your name, e-mail, phone number and address.',
    invalid_file_name: file,
    invalid_file_data: file,
    file_type_not_allowed: file,
    file_type_mismatch: file,
    file_size_mismatch: file,
    file_too_large: file,
    too_many_files: file,
    files_too_large: file,
    files_not_supported: file,
    unsupported_version: reload,
  },
};
