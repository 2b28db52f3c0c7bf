// The esbuild options of the self-hosted single file, shared by scripts/bundle.mjs (which writes
// it) and the bench (which rebuilds it without one dependency at a time to show what each adds).

import { minifyLitCss } from './minify-lit-css.mjs';
import { minifyLitHtmlPlugin } from './minify-lit-html.mjs';

/**
 * Members only this package's own code reads, renamed to one or two letters in the single file
 * (esbuild's mangleProps): the private fields and methods of SynpunktForm, Steps, Protection and
 * Speaker, and the keys of the StepContext the form hands its steps. Each is written out: a name
 * may go here only if nothing outside src/ (Lit, ky, zod, the sdk, the adapters, the browser)
 * and no public type (the catalogs, events, FormValues, attributes and properties) uses it, and
 * it is never read by a string (`changed.has('…')`, `el[name]`). scripts/bundle.mjs refuses a
 * name that another input of the file uses. The npm entry points (tsc's output) keep the names.
 */
export const PRIVATE_NAMES = [
  // SynpunktForm
  ...['announce', 'announceCount', 'areasFromChildren', 'countSaid', 'countTimer', 'errorLine'],
  ...['errorOf', 'errorText', 'failedTexts', 'filesMayBeSlow', 'flushDraft', 'focusAfterRender'],
  ...['focusField', 'hasAlternatives', 'inPageOrder', 'langObserver', 'learnedLimit', 'lostFiles'],
  ...['messageCapabilities', 'onFiles', 'onInput', 'onSlotChange', 'onSubmit', 'placeName'],
  ...['readAreas', 'readCount', 'receiptTexts', 'refusalText', 'removeFile', 'renderArea'],
  ...['renderChannel', 'renderFailure', 'renderFiles', 'renderForm', 'renderKind'],
  ...['renderMessage', 'renderReceipt', 'renderReply', 'renderRoutes', 'renderSteps'],
  ...['renderSummary', 'renderToggle', 'restoredMode', 'saveTimer', 'sayCount', 'showIssues'],
  ...['storageKey', 'submitRenewingChallenge', 'succeed', 'receiverRoutes', 'limitsUrl'],
  ...['askLimits', 'relayAdapter', 'renderFileList', 'filesTaken', 'sentValues'],
  // Steps, Speaker, Protection, StepContext
  ...['describedBy', 'elsewhere', 'failedForGood', 'fromReview', 'speaker', 'stepTexts'],
  ...['utterance', 'solutionFor', 'unreachable', 'usedBy'],
];

/**
 * @param {string} root the widget package's directory
 * @param {string} entry
 * @param {string} outfile
 * @returns {import('esbuild').BuildOptions}
 */
export function bundleOptions(root, entry, outfile) {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser'],
    // The widget's tsconfig: experimentalDecorators, as tsc compiles it (Lit needs the same mode).
    tsconfig: 'tsconfig.json',
    minify: true,
    mangleProps: new RegExp(`^(?:${PRIVATE_NAMES.join('|')})$`),
    sourcemap: 'linked',
    sourcesContent: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    plugins: [minifyLitCss(), minifyLitHtmlPlugin()],
  };
}
