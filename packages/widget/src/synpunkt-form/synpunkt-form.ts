import {
  AdapterError,
  AREA_UNKNOWN,
  capabilitiesFor,
  createClient,
  isAdapterError,
  LIMITS,
  messageLength,
  newSubmissionId,
  SynpunktValidationError,
  type Adapter,
  type AdapterCapabilities,
  type Attachment,
  type MessageLength,
  type Mode,
  type Receipt,
  type RouteLimits,
  type SubmissionDraft,
  type SynpunktClient,
  type ValidationIssue,
} from '@synpunkt/sdk';
import { restAdapter, type HeadersFunction } from '@synpunkt/adapters/rest';
import {
  html,
  LitElement,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { live } from './live.js';
import { lattlastStyles } from '../lattlast/lattlast.styles.js';
import { Steps } from '../lattlast/steps.js';
import type { Catalog, FieldKey, LattlastCatalog } from '../translations/catalog.js';
import { en } from '../translations/en.js';
import { enLattlast } from '../translations/en-lattlast.js';
import { sv } from '../translations/sv.js';
import { svLattlast } from '../translations/sv-lattlast.js';
import {
  clearDraft,
  loadDraft,
  pageDraftKey,
  saveDraft,
  sharedDraftKey,
  type Attempt,
} from './draft-storage.js';
import { emit } from './events.js';
import { addFiles, fileLimits, type FileLimits, type Refusal } from './files.js';
import {
  formatDate,
  formatFileTypes,
  formatMegabytes,
  formatNumber,
  localToday,
} from './format-date.js';
import { honeypotField, honeypotStyles, Protection } from './protection.js';
import { fetchReceiverLimits } from './receiver-limits.js';
import { besideEndpoint } from './relay-url.js';
import { styles } from './synpunkt-form.styles.js';
import { choices, errorLine, kindChoices, messageField, notice } from './templates.js';
import {
  asksEarlierReference,
  emptyValues,
  fieldOf,
  sendsSerious,
  storedValues,
  toDraft,
  type FormValues,
} from './values.js';

/** One service the synpunkt may concern: the id sent and the name shown. */
export interface Area {
  /** The id sent with the synpunkt. */
  value: string;
  /** The name the sender sees. */
  label: string;
}

/** Where the sender is: filling in, waiting for the answer, told it failed, or thanked. */
export type Status = 'editing' | 'sending' | 'failed' | 'sent';

const SAVE_DELAY_MS = 300;
/** The count is read out once typing pauses this long: not at every key (WCAG 4.1.3). */
const COUNT_DELAY_MS = 1000;
/**
 * The count is read out only from when this share of the limit is used: 90 %, so 1 000
 * characters left of 10 000 (400 of an Open311 backend's 4 000). GOV.UK's character count does
 * the same with its `threshold`, a percentage of the limit below which the count is neither
 * shown nor read (and read after a pause in typing above it). Here the count stays visible, and
 * in the field's description, so a screen reader says it on the field whenever asked; only the
 * reading out while typing waits. 90 % because almost nobody comes near 10 000 characters, so
 * almost nobody is interrupted, while a paragraph or two is still left when it starts: room to
 * finish the thought. A share, not a number of characters, so a backend's lower limit is warned
 * about in proportion.
 */
const COUNT_THRESHOLD = 0.9;

/** Where the message is against its limit: far below, near (the count is read out), over. */
type CountZone = 'far' | 'near' | 'over';

const countZone = ({ length, max }: MessageLength): CountZone =>
  length > max ? 'over' : length >= max * COUNT_THRESHOLD ? 'near' : 'far';

/** The page the form is on, as the submission's `pageUrl` (no query or fragment). */
const pageUrl = (): string => (location.origin + location.pathname).slice(0, LIMITS.urlMax);

/** The schemes a link in the form may have: web pages, mail and phone. */
const LINK_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:']);

/**
 * Links only to web pages, mail and phone: an attribute can never run script. Judged by the
 * browser's own URL parser, which drops tabs, newlines and leading control characters, so
 * `java&#9;script:` is `javascript:` here as it is when clicked.
 */
function safeUrl(url: string): string | undefined {
  if (!url) return undefined;
  try {
    return LINK_PROTOCOLS.has(new URL(url, document.baseURI).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The closest element with a `lang` from `node` up, also outside the shadow roots it sits in:
 * a CMS block that renders the form in its own shadow root does not hide the page's language.
 */
function langHolder(node: Node | null): Element | null {
  while (node) {
    const found = node instanceof Element ? node.closest('[lang]') : null;
    if (found) return found;
    node = (node.getRootNode() as Partial<ShadowRoot>).host ?? null;
  }
  return null;
}

/** An adapter that cannot send: says why when asked to (no endpoint, or a wrong one). */
const misconfigured = (why: string): Adapter => ({
  name: 'unconfigured',
  submit: () => Promise.reject(new AdapterError(why, { reason: 'configuration' })),
});

/** The rest adapter for the `endpoint` attribute; a relative URL is read against the page. */
function endpointAdapter(endpoint: string, headers: HeadersFunction): Adapter {
  if (!endpoint) {
    return misconfigured('<synpunkt-form> has no endpoint attribute and no adapter property');
  }
  try {
    return restAdapter({ endpoint: new URL(endpoint, document.baseURI).href, headers });
  } catch (error) {
    return misconfigured(`<synpunkt-form endpoint="${endpoint}">: ${String(error)}`);
  }
}

/**
 * The feedback form a municipal web editor pastes into a page. Citizens (or staff, with the
 * `staff` attribute) leave beröm, förslag or klagomål; it is validated with the sdk, sent
 * through an adapter, and answered with a receipt that says when a reply will come.
 *
 * @tag synpunkt-form
 * @attr lang - `sv` or `en`; without it the closest `lang` above (through shadow roots), else
 *   the page's, else `sv`.
 * @slot - Fallback content (a mailto link), shown before the form upgrades and, after, as
 *   "another way to reach us". `<synpunkt-area>` children configure the areas.
 * @fires synpunkt-submit - Before sending; cancelable. Detail: `{ draft }`.
 * @fires synpunkt-success - Sent. Detail: the receipt.
 * @fires synpunkt-error - Not sent. Detail: `{ error, retryable }`.
 * @csspart root - Everything inside the element.
 * @csspart routes - The guidance block about other routes (112, appeals, fault reports, IVO).
 * @csspart form - The form.
 * @csspart fieldset - Each group of choices.
 * @csspart legend - The question of each group.
 * @csspart field - One field with its label, hint and error.
 * @csspart label - Each label.
 * @csspart hint - Each hint below a label.
 * @csspart input - Every text field, select and textarea.
 * @csspart count - The character count.
 * @csspart files - The list of attached files.
 * @csspart error - Each inline error message.
 * @csspart error-summary - The list of problems shown at the top after a failed send.
 * @csspart failure - The message shown when sending failed.
 * @csspart notice - The public-record notice with the privacy link.
 * @csspart button - Every button, the file picker's "Välj filer" too.
 * @csspart receipt - The thank-you view with the reference.
 * @cssprop --synpunkt-font - Font family (default: the page's).
 * @cssprop --synpunkt-color-text - Text colour (default #1b1b1b; for the page's, write its colour: inherit gives the default).
 * @cssprop --synpunkt-color-background - The form's ground (default #fff, on which the defaults meet WCAG contrast; transparent shows the page's).
 * @cssprop --synpunkt-color-primary - Buttons, links and checked controls (default #0b5394).
 * @cssprop --synpunkt-color-on-primary - Text on primary (default #fff).
 * @cssprop --synpunkt-color-error - Errors (default #b3261e).
 * @cssprop --synpunkt-color-border - Field borders (default #6b6b6b).
 * @cssprop --synpunkt-color-focus - Focus outline (default: `--synpunkt-color-text`, else #1b1b1b).
 * @cssprop --synpunkt-color-field - Field background (default #fff).
 * @cssprop --synpunkt-color-field-text - Text in fields (default #1b1b1b).
 * @cssprop --synpunkt-color-surface - Background of the guidance and receipt boxes (default #f3f3f3).
 * @cssprop --synpunkt-color-surface-text - Text in the guidance and receipt boxes (default #1b1b1b).
 * @cssprop --synpunkt-radius - Corner radius (default 4px).
 * @cssprop --synpunkt-space - The base spacing (default 1rem).
 */
export class SynpunktForm extends LitElement {
  static override styles = [styles, lattlastStyles, honeypotStyles];
  // The reactive properties: one object here is smaller in the self-hosted file than a
  // decorator call for each field. Each key names a field below (TypeScript cannot check that:
  // a field missing here does not re-render). Internal state also says `attribute: false`, so
  // the manifest does not offer it to editors as an attribute.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    adapter: { attribute: false },
    privacyUrl: { attribute: 'privacy-url' },
    replyDays: { attribute: 'reply-days', type: Number },
    staff: { type: Boolean },
    draftStorage: { attribute: 'draft-storage' },
    draftKey: { attribute: 'draft-key' },
    appealUrl: { attribute: 'appeal-url' },
    faultReportUrl: { attribute: 'fault-report-url' },
    ivoUrl: { attribute: 'ivo-url' },
    lexSarahUrl: { attribute: 'lex-sarah-url' },
    municipality: {},
    challenge: {},
    challengeUrl: { attribute: 'challenge-url' },
    lattlast: { type: Boolean },
    areas: { attribute: false },
    catalog: { attribute: false },
    lattlastCatalog: { attribute: false },
    mode: { state: true, attribute: false },
    status: { state: true, attribute: false },
    values: { state: true, attribute: false },
    attachments: { state: true, attribute: false },
    issues: { state: true, attribute: false },
    refused: { state: true, attribute: false },
    lostFiles: { state: true, attribute: false },
    learnedLimit: { state: true, attribute: false },
    receiverRoutes: { state: true, attribute: false },
    retryable: { state: true, attribute: false },
    filesMayBeSlow: { state: true, attribute: false },
    receipt: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    hasAlternatives: { state: true, attribute: false },
  };

  /**
   * Where to POST the synpunkt (the relay or the municipality's own REST endpoint). A relay's
   * limits are asked beside it (`/synpunkter` → `/limits`) and shown before anyone writes.
   */
  endpoint = '';
  /** For integrators: any sdk adapter. Overrides `endpoint`. */
  adapter: Adapter | undefined;
  /** The municipality's page about personal data (GDPR). */
  privacyUrl = '';
  /**
   * The municipality's promise: an answer within this many working days. The relay answers with
   * its own date (its `replyDays`), which the receipt shows; this one is used when the endpoint's
   * receipt has none. Set both to the same number.
   */
  replyDays = 10;
  /** Staff register a synpunkt someone gave by phone, visit, letter or e-mail. */
  staff = false;
  /** `session` (default): the draft survives a reload in this tab. `none`: nothing is stored. */
  draftStorage: 'session' | 'none' = 'session';
  /**
   * One form on several pages (its Swedish, English and lättläst versions): the same `draft-key` on each,
   * and what the person has written follows them between those pages in the tab. Without it each
   * page keeps its own draft. Only forms with the same `endpoint` and `staff` share one.
   */
  draftKey = '';
  /** Where to read about appealing a decision (överklagande). Hidden when empty. */
  appealUrl = '';
  /** Where to report a fault (felanmälan). Hidden when empty. */
  faultReportUrl = '';
  /** IVO, for concerns about care. Set it empty to hide the line. */
  ivoUrl = 'https://www.ivo.se/';
  /**
   * Staff only: the municipality's routine for reporting serious wrongs in social care under lex
   * Sarah (usually on the intranet). Hidden when empty and on a citizen's form.
   */
  lexSarahUrl = '';
  /** The municipality's name, used in texts ("Det du skickar till Exempels kommun…"). */
  municipality = '';
  /**
   * `off`: no proof of work. Otherwise, with an `endpoint`, the form fetches a challenge from
   * the relay when the person starts typing and solves it in the background (no puzzle shown).
   */
  challenge: 'on' | 'off' = 'on';
  /** Where to fetch the challenge; default: `endpoint` with `/synpunkter` → `/challenge`. */
  challengeUrl = '';
  /**
   * Start in lättläst (easy-to-read) mode: one question per step, easier words, "Lyssna".
   * The "Lättläst" toggle at the top switches either way. Staff mode is always standard.
   */
  lattlast = false;
  /** The areas to choose from; read from `<synpunkt-area>` children when there are any. */
  areas: Area[] = [];
  /** Whether `areas` was read from `<synpunkt-area>` children (see `readAreas`). */
  private areasFromChildren = false;
  /** For integrators: texts in another language, overriding `sv`/`en`. */
  catalog: Catalog | undefined;
  /** The lättläst texts to go with `catalog`; without them a custom catalog has no lättläst mode. */
  lattlastCatalog: LattlastCatalog | undefined;

  /** The presentation: the one-page form, or lättläst steps. */
  mode: Mode = 'standard';
  /** Where the sender is in the flow. */
  status: Status = 'editing';
  private values: FormValues = emptyValues();
  private attachments: Attachment[] = [];
  private issues: ValidationIssue[] = [];
  private refused: Refusal[] = [];
  private lostFiles: string[] = [];
  /**
   * A shorter limit the receiver named when it refused the message (a relay whose target is
   * Open311 takes 4 000 characters), for the area and kind it was sent with: from then on the
   * counter counts to it, so the count and the error say the same.
   */
  private learnedLimit: { area: string; kind: string; max: number } | undefined;
  /** What the relay's targets take (its `GET /v1/limits`), once it has answered. */
  private receiverRoutes: readonly RouteLimits[] | undefined;
  /** The limits URL asked, so a changed `endpoint` asks its own relay. */
  private limitsUrl: string | undefined;
  /** Whether files could be added at the last render: the moment that ends is said aloud. */
  private filesTaken = true;
  private retryable = false;
  /** The last failure was in transit (no answer at all) with files attached: they may be why. */
  private filesMayBeSlow = false;
  private receipt: Receipt | undefined;
  private announcement = '';
  private hasAlternatives = false;

  /**
   * The id, first send time, mode and language the current content is (or was) sent under;
   * dropped when the content changes. A retry reuses them all, so it is the same submission byte
   * for byte. While it is sending, the fields do not take changes.
   */
  private attempt: Attempt | undefined;
  private replyWanted = false;
  /** The draft's name when the form has no id: its place among the forms on the page. */
  private placeName = 'synpunkt-form';
  private restored = false;
  /** Lättläst from a restored draft, applied at the first update (over the attribute). */
  private restoredMode: 'lattlast' | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  /** The count last read out, so a pause right after it does not say it again. */
  private countSaid = '';
  private focusAfterRender: string | undefined;
  private cached: { key: unknown[]; client: SynpunktClient } | undefined;
  private readonly observer = new MutationObserver(() => this.readAreas());
  private readonly langObserver = new MutationObserver(() => this.requestUpdate());
  private readonly steps = new Steps(this);
  private readonly protection = new Protection(this);

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /**
   * `lang` (`sv`, `en`) picks the texts; without it the closest `lang` above, else `sv`.
   * The native attribute, watched so a change re-renders.
   */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The texts in use. */
  get texts(): Catalog {
    const base = this.catalog ?? (this.english ? en : sv);
    const easy = this.mode === 'lattlast' ? this.lattlastTexts : undefined;
    return easy ? { ...base, ...easy } : base;
  }

  /** The lättläst texts for the language in use; none in staff mode. */
  get lattlastTexts(): LattlastCatalog | undefined {
    if (this.staff) return undefined;
    if (this.catalog) return this.lattlastCatalog;
    return this.english ? enLattlast : svLattlast;
  }

  private get english(): boolean {
    const lang = langHolder(this)?.getAttribute('lang') || document.documentElement.lang || 'sv';
    return lang.toLowerCase().startsWith('en');
  }

  /** The sdk client for the current adapter and reply promise. */
  get client(): SynpunktClient {
    const days = Number.isInteger(this.replyDays) && this.replyDays >= 0 ? this.replyDays : 10;
    const key = [this.adapter, this.endpoint, days];
    if (!this.cached || key.some((part, i) => part !== this.cached?.key[i])) {
      const adapter = this.adapter ?? this.relayAdapter();
      this.cached = { key, client: createClient({ adapter, replyWithinWorkingDays: days }) };
    }
    return this.cached.client;
  }

  /**
   * The rest adapter to `endpoint`, carrying what the relay said its targets take for the area
   * and kind chosen so far: the client checks against it, and the form shows it.
   */
  private relayAdapter(): Adapter {
    // Its own capabilities are none: the relay's answer is all there is to know.
    const rest = endpointAdapter(this.endpoint, this.protection.headers);
    const known = (): AdapterCapabilities => {
      const { area, kind } = this.sentValues;
      const chosen = {
        area: area || undefined,
        kind: kind || undefined,
        serious: sendsSerious(this.values, this.staff),
      };
      return this.receiverRoutes ? capabilitiesFor(this.receiverRoutes, chosen) : {};
    };
    return {
      ...rest,
      get capabilities() {
        return known();
      },
    };
  }

  /** Asks the relay behind `endpoint` what its targets take, once per endpoint. */
  private askLimits(): void {
    const url = this.adapter
      ? undefined
      : besideEndpoint(this.endpoint, 'limits', document.baseURI);
    if (url === this.limitsUrl) return;
    this.limitsUrl = url;
    this.receiverRoutes = undefined;
    if (!url) return;
    void fetchReceiverLimits(url).then((limits) => {
      if (this.limitsUrl === url) this.receiverRoutes = limits?.routes;
    });
  }

  /** The adapter's capabilities, with a limit the receiver named for this area and kind. */
  private get messageCapabilities(): AdapterCapabilities {
    const declared = this.client.capabilities;
    const learned = this.learnedLimit;
    const { area, kind } = this.values;
    if (!learned || learned.area !== area || learned.kind !== kind) return declared;
    const max = Math.min(learned.max, declared.maxMessageLength ?? learned.max);
    return { ...declared, maxMessageLength: max };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without an id, a second form on the page keeps its own draft by its place among the
    // forms without one (a form with an id has its own key and does not move the others).
    // Read on connecting: a form being removed is no longer in the page when it saves.
    const place = [...document.querySelectorAll('synpunkt-form:not([id])')].indexOf(this);
    this.placeName = place > 0 ? `synpunkt-form-${place + 1}` : 'synpunkt-form';
    this.readAreas();
    this.observer.observe(this, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['value'],
    });
    // The closest ancestor with a lang decides, also one outside a shadow root the form sits
    // in. Follow a lang set, changed or removed anywhere above it, in each tree up to the page.
    for (let root = this.getRootNode(); ;) {
      const host = (root as Partial<ShadowRoot>).host;
      this.langObserver.observe(host ? root : document.documentElement, {
        subtree: true,
        attributeFilter: ['lang'],
      });
      if (!host) break;
      root = host.getRootNode();
    }
    // Moved into another section (a CMS's drag and drop): its language may differ.
    this.requestUpdate();
    if (!this.restored) this.restore();
    // A reload or a swipe away within the save delay must not lose the last words typed.
    window.addEventListener('pagehide', this.flushDraft);
    document.addEventListener('visibilitychange', this.flushDraft);
  }

  private readonly flushDraft = (): void => {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    this.langObserver.disconnect();
    window.removeEventListener('pagehide', this.flushDraft);
    document.removeEventListener('visibilitychange', this.flushDraft);
    this.flushDraft();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.askLimits();
    // Files added, then an area chosen whose receiver takes none: the picker goes, and a
    // person who cannot see it go hears why (the list and its remove buttons stay).
    const taken = fileLimits(this.client.capabilities) !== undefined;
    if (this.filesTaken && !taken && this.attachments.length > 0) {
      this.announce(this.errorText({ path: ['attachments'], code: 'files_not_supported' }));
    }
    this.filesTaken = taken;
    if (changed.has('lattlast')) {
      this.mode = this.lattlast || this.restoredMode ? 'lattlast' : 'standard';
      this.restoredMode = undefined;
    }
    if (!this.lattlastTexts) this.mode = 'standard';
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      this.focusAfterRender = undefined;
      target?.focus();
    }
  }

  // ---- state ------------------------------------------------------------------------------

  private get storageKey(): string | undefined {
    if (this.draftStorage === 'none') return undefined;
    const name = this.draftKey.trim();
    if (!name) return pageDraftKey(location.pathname, this.id || this.placeName);
    // As the browser reads it: "/v1/synpunkter" on one page and the full URL on another agree.
    // None (the `adapter` property instead) stays empty, not this page's own address.
    let endpoint = this.endpoint;
    try {
      if (endpoint) endpoint = new URL(endpoint, document.baseURI).href;
    } catch {
      // Kept as written; the form says it cannot send when it tries.
    }
    return sharedDraftKey(name, endpoint, this.staff);
  }

  private restore(): void {
    this.restored = true;
    const key = this.storageKey;
    const draft = key ? loadDraft(key) : undefined;
    if (!draft) return;
    this.values = draft.values;
    this.lostFiles = draft.files;
    // Files are not stored: without them it is not the same submission, so not the same id.
    if (draft.files.length === 0 && draft.attempt) this.attempt = draft.attempt;
    this.restoredMode = draft.mode;
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const key = this.storageKey;
    if (!key || this.status === 'sent') return;
    saveDraft(key, {
      values: storedValues(this.values),
      files: this.attachments.map((file) => file.name),
      ...(this.attempt ? { attempt: this.attempt } : {}),
      // Only a choice the person made in the form: lättläst that the page's attribute asked for
      // would otherwise follow a shared draft-key onto the page with the standard form.
      ...(this.mode === 'lattlast' && !this.lattlast ? { mode: 'lattlast' as const } : {}),
    });
  }

  private changed(): void {
    // Different content is a different submission: a stale id could be refused as a conflict.
    if (this.status !== 'sending') this.attempt = undefined;
    if (this.issues.length > 0) {
      const shown = new Set(this.issues.map(fieldOf));
      this.issues = this.inPageOrder(
        this.client.validate(this.draft()).filter((i) => shown.has(fieldOf(i))),
      );
    }
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  private readAreas(): void {
    const children = [...this.querySelectorAll('synpunkt-area')];
    // No children: the editor set `areas` as a property, or has none; unless the last child
    // was just removed, when its list must go too.
    if (children.length === 0) {
      if (this.areasFromChildren) this.areas = [];
      this.areasFromChildren = false;
      return;
    }
    this.areasFromChildren = true;
    this.areas = children
      .map((child) => ({
        value: (child.getAttribute('value') ?? '').trim(),
        label: (child.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }))
      // The first of a value the editor wrote twice: ids in lättläst come from the values.
      .filter(
        (area, index, all) =>
          area.value &&
          area.label &&
          area.value !== AREA_UNKNOWN &&
          all.findIndex((other) => other.value === area.value) === index,
      );
  }

  /** The values as they are sent: without a configured list, the area is "don't know". */
  private get sentValues(): FormValues {
    return this.areas.length > 0 ? this.values : { ...this.values, area: AREA_UNKNOWN };
  }

  private draft(id?: string) {
    return toDraft(this.sentValues, {
      id: id ?? this.attempt?.id,
      attachments: this.attachments,
      locale: this.attempt?.locale ?? this.texts.locale,
      mode: this.attempt?.mode ?? this.mode,
      staff: this.staff,
      pageUrl: this.attempt?.pageUrl ?? pageUrl(),
    });
  }

  private announce(text: string): void {
    // Clear first so the same message twice is read twice.
    this.announcement = '';
    setTimeout(() => (this.announcement = text), 50);
  }

  // ---- actions ----------------------------------------------------------------------------

  private readonly onInput = (event: Event): void => {
    this.protection.start();
    const target = event.target as HTMLInputElement;
    const name = target.name as keyof FormValues;
    if (!(name in this.values) || (target.type === 'radio' && !target.checked)) return;
    // What is being sent is fixed until the answer comes: a change now would either be lost on
    // success or make the retry a different submission under the same id. The next render puts
    // the sent value back (text fields are read-only meanwhile, so this is a click on a choice).
    if (this.status === 'sending') return this.requestUpdate();
    // A checkbox's value is what it sends when checked; unchecked, it sends nothing.
    const value = target.type === 'checkbox' && !target.checked ? '' : target.value;
    if (this.values[name] === value) return;
    const before = this.countZone();
    this.values = { ...this.values, [name]: value };
    this.changed();
    if (name === 'message') this.announceCount(before);
  };

  private countZone(): CountZone {
    return countZone(messageLength(this.values.message, this.messageCapabilities));
  }

  /**
   * Reads the visible character count out, politely, only when it matters: at once when the
   * text comes near the limit, goes over it or comes back under it; and, while near or over,
   * when the typing pauses. Far below the limit it says nothing: the count is on the screen and
   * in the field's description.
   */
  private announceCount(before: CountZone): void {
    clearTimeout(this.countTimer);
    const now = this.countZone();
    if (now !== before && (now !== 'far' || before === 'over')) {
      // After the render, so what is read is what the count now shows.
      void this.updateComplete.then(() => this.sayCount());
    }
    if (now === 'far') return;
    this.countTimer = setTimeout(() => {
      // Said already (the pause came right after a crossing): once is enough.
      if (this.readCount() !== this.countSaid) this.sayCount();
    }, COUNT_DELAY_MS);
  }

  /** The count as it is shown, one line (empty when the message is not on screen). */
  private readCount(): string {
    const count = this.renderRoot.querySelector('#f-message-count')?.textContent ?? '';
    return count.replace(/\s+/g, ' ').trim();
  }

  private sayCount(): void {
    const count = this.readCount();
    if (count && this.status !== 'sending' && this.status !== 'sent') {
      this.countSaid = count;
      this.announce(count);
    }
  }

  /**
   * The file button: opens the system's file dialog through the input, which is hidden. The
   * browser's own button and its "No file chosen" would be in the browser's language, not the
   * form's, and say nothing is chosen beside the files listed (the input is emptied after each
   * pick), to the eye and to a screen reader alike (Chromium gives it as the input's value).
   */
  private readonly pickFiles = (): void => {
    if (this.status !== 'sending')
      this.renderRoot.querySelector<HTMLElement>('[type=file]')?.click();
  };

  /** Files picked in the system's dialog (the hidden input's change), or dropped on the button. */
  private readonly onFiles = async (event: Event): Promise<void> => {
    // A dropped file is added here, not opened by the browser in place of the form.
    event.preventDefault();
    const source = (event as DragEvent).dataTransfer ?? (event.target as HTMLInputElement);
    const limits = fileLimits(this.client.capabilities);
    const picked = [...(source.files ?? [])];
    if (source instanceof HTMLInputElement) source.value = '';
    if (!limits || picked.length === 0 || this.status === 'sending') return;
    const before = this.attachments.length;
    const { attachments, refused } = await addFiles(this.attachments, picked, limits);
    this.attachments = attachments;
    this.refused = refused;
    this.lostFiles = [];
    // The system's dialog closes without a word: say what happened.
    const added = attachments.slice(before).map((file) => file.name);
    this.announce(
      [
        ...(added.length > 0 ? [this.texts.filesAddedNote(added.join(', '), added.length)] : []),
        ...refused.map((r) => this.refusalText(r)),
      ].join(' '),
    );
    this.changed();
  };

  private removeFile(index: number): void {
    if (this.status === 'sending') return;
    const name = this.attachments[index]?.name;
    if (name !== undefined) this.announce(this.texts.fileRemoved(name));
    this.attachments = this.attachments.filter((_, i) => i !== index);
    this.refused = [];
    // The field goes with the last file where no files are taken: then on to the message.
    const field = fileLimits(this.client.capabilities) || this.attachments.length > 0;
    this.focusAfterRender = field ? '#f-attachments' : '#f-message';
    this.changed();
  }

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.send();
  };

  /** Validates and sends; a second call while sending does nothing. */
  async send(): Promise<void> {
    if (this.status === 'sending') return;
    const t = this.texts;
    const client = this.client;
    const attempt: Attempt = this.attempt ?? {
      id: newSubmissionId(),
      submittedAt: new Date().toISOString(),
      mode: this.mode,
      locale: this.texts.locale,
      pageUrl: pageUrl(),
    };
    const draft = { ...this.draft(attempt.id), submittedAt: attempt.submittedAt };
    const issues = client.validate(draft);
    if (issues.length > 0) {
      // A stored attempt the draft fails with was damaged in storage (or written by another
      // page): it never went, a reload restores it again, so send as a new one.
      if (this.attempt) {
        this.attempt = undefined;
        return this.send();
      }
      return this.showIssues(issues);
    }
    this.issues = [];
    if (!emit(this, 'synpunkt-submit', { draft }, true)) return this.announce(t.notSent);
    this.attempt = attempt;
    this.replyWanted = this.values.replyWanted === 'yes';
    // "Försök igen" goes with the failure it sits in: focus to what says "Skickar…" (lättläst:
    // the step's heading), not to the top of the page (WCAG 2.4.3).
    if (this.shadowRoot?.activeElement?.id === 'retry')
      this.focusAfterRender = '.send, #ll-heading';
    this.status = 'sending';
    this.announce(t.sending);
    this.save();
    try {
      this.succeed(await this.submitRenewingChallenge(client, draft));
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Submits; when the relay refuses the proof of work (it expired by the relay's clock, or the
   * relay got a new key since), solves a new challenge and sends again, with the same id, once.
   * The person sees "Skickar…" a little longer instead of a failure they cannot fix.
   */
  private async submitRenewingChallenge(
    client: SynpunktClient,
    draft: SubmissionDraft,
  ): Promise<Receipt> {
    try {
      return await client.submit(draft);
    } catch (error) {
      if (!this.protection.refused(error)) throw error;
      return client.submit(draft);
    }
  }

  private succeed(receipt: Receipt): void {
    const key = this.storageKey;
    if (key) clearDraft(key);
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.receipt = receipt;
    this.status = 'sent';
    this.values = emptyValues();
    this.attachments = [];
    this.refused = [];
    this.attempt = undefined;
    const r = this.receiptTexts(this.texts);
    // The heading takes focus and is read then; the live region adds the number only.
    this.announce(`${r.reference}: ${receipt.reference}`);
    this.focusAfterRender = '#receipt-heading';
    emit(this, 'synpunkt-success', receipt);
  }

  private fail(error: unknown): void {
    const issues =
      error instanceof SynpunktValidationError
        ? error.issues
        : isAdapterError(error) && error.reason === 'invalid'
          ? error.issues
          : [];
    // A proof of work refused because the challenge could not be fetched (offline, the relay
    // busy) is mended by trying again later, not by another way of contact.
    const retryable =
      (isAdapterError(error) && error.retryable) || this.protection.mayMendLater(error);
    const cause = error instanceof Error ? error : new Error(String(error));
    if (issues.length > 0) {
      this.status = 'editing';
      const max = issues.find((i) => i.code === 'too_long' && i.path[0] === 'message')?.params?.max;
      if (typeof max === 'number') {
        this.learnedLimit = { area: this.values.area, kind: this.values.kind, max };
      }
      this.showIssues([...issues]);
    } else {
      this.status = 'failed';
      this.retryable = retryable;
      // No answer at all (a timeout, a dropped connection), not a server's 5xx: with files, a
      // weak uplink is the likely cause, and fewer files the way through.
      this.filesMayBeSlow =
        retryable &&
        this.attachments.length > 0 &&
        isAdapterError(error) &&
        error.status === undefined;
      this.announce(this.failedTexts(this.texts).heading);
      this.focusAfterRender = retryable ? '#retry' : '#failure';
    }
    emit(this, 'synpunkt-error', { error: cause, retryable });
  }

  private showIssues(issues: ValidationIssue[]): void {
    // The summary takes focus and is read; "Skickar…" from a refused send is not left behind.
    this.announcement = '';
    this.issues = this.inPageOrder(issues);
    this.focusAfterRender = '#error-summary';
  }

  /**
   * The problems in the order their fields come on the page (the schema's order is not the
   * page's: staff see "Hur kom synpunkten in?" first). Problems without a field go last.
   */
  private inPageOrder(issues: readonly ValidationIssue[]): ValidationIssue[] {
    const fieldIn = (issue: ValidationIssue) =>
      this.renderRoot.querySelector(`#f-${fieldOf(issue)}`);
    return [...issues].sort((a, b) => {
      const x = fieldIn(a);
      const y = fieldIn(b);
      if (x === y) return 0;
      if (!x || !y) return x ? -1 : 1;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  private readonly sendAnother = (): void => {
    this.status = 'editing';
    this.receipt = undefined;
    // The last synpunkt's "Tack…" is not left for a screen reader to find in the new form.
    this.announcement = '';
    this.issues = [];
    this.lostFiles = [];
    this.steps.start();
    this.focusAfterRender = this.mode === 'lattlast' ? '#ll-heading' : 'input, select';
  };

  private focusField(event: Event, key: FieldKey): void {
    event.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#f-${key}`);
    if (!target && this.mode === 'lattlast') return this.steps.edit(key, `#f-${key}`);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }

  // ---- texts ------------------------------------------------------------------------------

  /** The receipt's texts: to the person who wrote, or to the staff member who registered it. */
  private receiptTexts(t: Catalog): Catalog['receiptStaff'] {
    if (this.staff) return t.receiptStaff;
    return {
      heading: t.receiptHeading,
      reference: t.receiptReference,
      replyBy: t.receiptReplyBy,
      next: t.receiptNext,
      nextAnonymous: t.receiptNextAnonymous,
      sendAnother: t.sendAnother,
    };
  }

  private errorText(issue: ValidationIssue): string {
    const t = this.texts;
    const { max, allowed } = issue.params ?? {};
    if (issue.code === 'required') {
      const key = fieldOf(issue);
      const easy = this.mode === 'lattlast' ? this.lattlastTexts?.requiredChoice : undefined;
      return (
        (this.staff ? t.requiredStaff[key] : undefined) ??
        (easy && key in easy ? easy[key as keyof typeof easy] : undefined) ??
        t.required[key]
      );
    }
    if (issue.code === 'contact_not_allowed' && this.staff) return t.contactNotAllowedStaff;
    // Limits are written as the counter and the hints write them: "10 000", "2,5 MB".
    const bytes = issue.code === 'file_too_large' || issue.code === 'files_too_large';
    const limit =
      max === undefined
        ? undefined
        : bytes
          ? formatMegabytes(max, t.dateLocale)
          : formatNumber(max, t.dateLocale);
    return t.errors[issue.code]({
      ...(limit === undefined ? {} : { max: limit }),
      ...(allowed === undefined ? {} : { allowed: formatFileTypes(allowed, t.dateLocale, 'and') }),
    });
  }

  private refusalText({ name, reason }: Refusal): string {
    const t = this.texts;
    const limits = fileLimits(this.client.capabilities);
    const mb = (bytes = 0) => formatMegabytes(bytes, t.dateLocale);
    switch (reason) {
      case 'type':
        return t.fileRefusedType(name, formatFileTypes(limits?.types ?? [], t.dateLocale, 'and'));
      case 'bytes':
        return t.fileRefusedBytes(name);
      case 'size':
        return t.fileRefusedSize(name, mb(limits?.maxBytes));
      case 'count':
        return t.fileRefusedCount(name, limits?.maxCount ?? 0);
      case 'total':
        return t.fileRefusedTotal(name, mb(limits?.maxTotalBytes));
      case 'empty':
        return t.fileRefusedEmpty(name);
      case 'duplicate':
        return t.fileRefusedDuplicate(name);
      default:
        return t.fileRefusedRead(name);
    }
  }

  private get who(): string {
    return this.municipality || this.texts.theMunicipality;
  }

  // ---- rendering --------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.texts;
    // Swedish and English read left to right on a right-to-left page too ("?Vad gäller det"
    // otherwise); a custom catalog may be in a right-to-left language, so it follows the page.
    return html`<div
      class="root"
      part="root"
      lang=${t.locale}
      dir=${this.catalog ? nothing : 'ltr'}
    >
      ${this.renderToggle()}
      ${
        this.status === 'sent'
          ? this.renderReceipt(t)
          : this.mode === 'lattlast'
            ? this.renderSteps(t)
            : this.renderForm(t)
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  /** "Lättläst" at the top: a toggle button; into lättläst, focus goes to the step heading. */
  private renderToggle(): TemplateResult | typeof nothing {
    const easy = this.lattlastTexts;
    if (!easy) return nothing;
    const on = this.mode === 'lattlast';
    const toggle = () => {
      this.mode = on ? 'standard' : 'lattlast';
      this.issues = [];
      this.steps.start();
      this.save();
    };
    return html`<button
      type="button"
      part="button"
      class="mode-toggle"
      aria-pressed=${on ? 'true' : 'false'}
      @click=${toggle}
    >
      ${easy.toggle}
    </button>`;
  }

  private renderSteps(t: Catalog): TemplateResult {
    const easy = this.lattlastTexts ?? svLattlast;
    const failedForGood = this.status === 'failed' && !this.retryable;
    return this.steps.render({
      t: { ...t, ...easy },
      areas: this.areas,
      values: storedValues(this.values),
      attachments: this.attachments,
      // Named where the standard form would name them: only if it has a file field to go to.
      lostFiles: fileLimits(this.client.capabilities) ? this.lostFiles : [],
      who: this.who,
      privacyUrl: safeUrl(this.privacyUrl),
      sending: this.status === 'sending',
      routes: this.renderRoutes(t, failedForGood ? t.otherWaysHeading : t.routesHeading),
      failedForGood,
      summary: this.renderSummary(t),
      failure: this.renderFailure(t),
      count: messageLength(this.values.message, this.messageCapabilities),
      reply: this.renderReply(t),
      onInput: this.onInput,
      validate: () => this.client.validate(this.draft()),
      showIssues: (issues) => (issues[0] ? this.showIssues(issues) : (this.issues = [])),
      errorOf: (key) => this.errorOf(key),
      send: () => void this.send(),
      // A field only the standard form asks: there, with what is wrong with it still shown
      // at the field and in the summary (WCAG 3.3.1), not a form that looks fine.
      elsewhere: (key) => {
        this.mode = 'standard';
        this.focusAfterRender = `#f-${key}`;
      },
    });
  }

  private renderReceipt(t: Catalog): TemplateResult {
    const receipt = this.receipt;
    // In lättläst mode the receipt is a screen too, and "Lyssna" reads it.
    const easy = this.lattlastTexts;
    const listen =
      this.mode === 'lattlast' && easy
        ? this.steps.listenButton('receipt', { ...easy, dateLocale: t.dateLocale }, () =>
            [...this.renderRoot.querySelectorAll('.receipt h2, .receipt p')].map(
              (node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '',
            ),
          )
        : nothing;
    const r = this.receiptTexts(t);
    // In lättläst, the receipt's buttons are as large as the steps' (`.ll`: 44 px at least).
    return html`<section
      class="receipt ${this.mode === 'lattlast' ? 'll' : ''}"
      part="receipt"
      aria-labelledby="receipt-heading"
    >
      <h2 id="receipt-heading" tabindex="-1">${r.heading}</h2>
      ${listen}
      <p>${r.reference}: <strong class="reference">${receipt?.reference}</strong></p>
      ${
        this.replyWanted && receipt?.replyBy
          ? html`<p class="reply-by">${r.replyBy(formatDate(receipt.replyBy, t.dateLocale))}</p>`
          : nothing
      }
      <p>${this.replyWanted ? r.next(this.who) : r.nextAnonymous(this.who)}</p>
      <button type="button" part="button" class="another" @click=${this.sendAnother}>
        ${r.sendAnother}
      </button>
    </section>`;
  }

  private renderForm(t: Catalog): TemplateResult {
    const sending = this.status === 'sending';
    const limits = fileLimits(this.client.capabilities);
    return html`${this.renderSummary(t)} ${this.renderFailure(t)} ${this.renderRoutes(t)}
      <form
        part="form"
        novalidate
        @submit=${this.onSubmit}
        @input=${this.onInput}
        @change=${this.onInput}
      >
        ${this.staff ? this.renderChannel(t) : nothing} ${this.renderKind(t)}
        ${this.staff && this.values.kind === 'complaint' ? this.renderSerious(t) : nothing}
        ${this.areas.length > 0 ? this.renderArea(t) : nothing} ${this.renderMessage(t)}
        ${this.renderInput(
          'occurredAt',
          t.whenLabel,
          this.staff ? t.whenHintStaff : t.whenHint,
          'date',
          false,
          undefined,
          localToday(),
        )}
        ${this.renderInput('place', t.whereLabel, t.whereHint, 'text', false, 'off')}
        ${
          asksEarlierReference(this.values.kind)
            ? this.renderInput(
                'earlierReference',
                t.earlierLabel,
                this.staff ? t.earlierHintStaff : t.earlierHint,
                'text',
                false,
                'off',
              )
            : nothing
        }
        ${limits || this.attachments.length > 0 ? this.renderFiles(t, limits) : nothing}
        ${this.renderReply(t)} ${honeypotField(t.locale)}
        ${notice(
          this.staff ? t.publicRecordStaff(this.who) : t.publicRecord(this.who),
          safeUrl(this.privacyUrl),
          this.staff ? t.privacyLinkStaff : t.privacyLink,
        )}
        <button
          type="submit"
          part="button"
          class="send"
          aria-disabled=${sending ? 'true' : 'false'}
          aria-busy=${sending ? 'true' : 'false'}
        >
          ${sending ? t.sending : t.send}
        </button>
      </form>`;
  }

  private renderRoutes(t: Catalog, heading = t.routesHeading): TemplateResult {
    const links: [keyof Catalog['routes'], string][] = [
      ['emergency', 'tel:112'],
      ['appeal', this.appealUrl],
      ['faultReport', this.faultReportUrl],
      ['ivo', this.ivoUrl],
      ['lexSarah', this.staff ? this.lexSarahUrl : ''],
    ];
    return html`<section class="routes" part="routes" aria-labelledby="routes-heading">
      <h2 id="routes-heading">${heading}</h2>
      <ul>
        ${links.map(([route, url]) => {
          const href = safeUrl(url);
          // Staff are asked about the person: "Vill personen överklaga…", not "Vill du…".
          const [question, link] =
            this.staff && route === 'appeal' ? t.appealStaff : t.routes[route];
          return href ? html`<li>${question} <a href=${href}>${link}</a></li>` : nothing;
        })}
      </ul>
      <p ?hidden=${!this.hasAlternatives}>
        ${this.staff ? t.alternativesStaff : t.alternatives}
        <slot @slotchange=${this.onSlotChange}></slot>
      </p>
    </section>`;
  }

  private readonly onSlotChange = (event: Event): void => {
    const slot = event.target as HTMLSlotElement;
    this.hasAlternatives = slot
      .assignedNodes({ flatten: true })
      .some((node) =>
        node instanceof Element
          ? node.localName !== 'synpunkt-area'
          : (node.textContent ?? '').trim() !== '',
      );
  };

  private renderSummary(t: Catalog): TemplateResult | typeof nothing {
    if (this.issues.length === 0) return nothing;
    return html`<section
      id="error-summary"
      class="summary"
      part="error-summary"
      tabindex="-1"
      aria-labelledby="summary-heading"
    >
      <h2 id="summary-heading">${t.summaryHeading}</h2>
      <ul>
        ${this.issues.map((issue) => {
          const key = fieldOf(issue);
          const field = (this.staff ? t.fieldsStaff[key] : undefined) ?? t.fields[key];
          const text = t.summaryItem(field, this.errorText(issue));
          return key === 'form'
            ? html`<li>${text}</li>`
            : html`<li>
                <a href="#f-${key}" @click=${(e: Event) => this.focusField(e, key)}>${text}</a>
              </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderFailure(t: Catalog): TemplateResult | typeof nothing {
    if (this.status !== 'failed') return nothing;
    const failed = this.failedTexts(t);
    return html`<section
      id="failure"
      class="failure"
      part="failure"
      tabindex="-1"
      aria-labelledby="failure-heading"
    >
      <h2 id="failure-heading">${failed.heading}</h2>
      <p>${this.retryable ? failed.retryable : failed.final}</p>
      ${this.filesMayBeSlow ? html`<p>${t.failedWithFiles}</p>` : nothing}
      ${
        this.retryable
          ? html`<button type="button" id="retry" part="button" @click=${() => this.send()}>
              ${t.retry}
            </button>`
          : nothing
      }
    </section>`;
  }

  /** The failure's texts: to the person who wrote, or to the staff member registering it. */
  private failedTexts(t: Catalog): Catalog['failedStaff'] {
    if (this.staff) return t.failedStaff;
    return { heading: t.failedHeading, retryable: t.failedRetryable, final: t.failedFinal };
  }

  /** The first error of a field, if any. */
  private errorOf(key: FieldKey): string | undefined {
    const issue = this.issues.find((i) => fieldOf(i) === key);
    return issue && this.errorText(issue);
  }

  private invalid(key: FieldKey): 'true' | 'false' {
    return this.errorOf(key) === undefined ? 'false' : 'true';
  }

  /** The ids describing a control: its hint, its error, anything else given. */
  private describedBy(key: FieldKey, hint: boolean, ...more: string[]): string {
    const ids = hint ? [`f-${key}-hint`] : [];
    if (this.errorOf(key) !== undefined) ids.push(`f-${key}-error`);
    return [...ids, ...more].join(' ');
  }

  /** A labelled field: label, hint, error, then the control made by `control(describedBy)`. */
  private field(
    key: FieldKey,
    label: string,
    hint: string | undefined,
    optional: boolean,
    control: (describedBy: string) => TemplateResult,
    ...more: string[]
  ): TemplateResult {
    return html`<div class="field ${this.errorOf(key) ? 'has-error' : ''}" part="field">
      <label part="label" for="f-${key}" id="f-${key}-label"
        >${label}${
          optional
            ? // One text node with its space: Chromium drops a lone space between Lit's markers.
              html`<span class="optional">${` ${this.texts.optional}`}</span>`
            : nothing
        }</label
      >
      ${hint ? html`<p class="hint" part="hint" id="f-${key}-hint">${hint}</p>` : nothing}
      ${errorLine(key, this.errorOf(key))}
      ${control(this.describedBy(key, hint !== undefined, ...more))}
    </div>`;
  }

  /** A group of radio buttons; the first gets `f-<key>` so the error summary can focus it. */
  private radios<V extends string>(
    key: FieldKey,
    legend: string,
    hint: string | undefined,
    options: readonly (readonly [V, string, string?])[],
    checked: string,
  ): TemplateResult {
    return html`<fieldset
      class="${this.errorOf(key) ? 'has-error' : ''}"
      part="fieldset"
      role="radiogroup"
      aria-invalid=${this.invalid(key)}
      aria-describedby=${[hint ? `f-${key}-about` : '', this.describedBy(key, false)].join(' ').trim() || nothing}
    >
      <legend part="legend">${legend}</legend>
      ${
        // Not f-kind-hint: that is the first choice's own hint (its input's id is f-kind).
        hint ? html`<p class="hint" part="hint" id="f-${key}-about">${hint}</p>` : nothing
      }
      ${errorLine(key, this.errorOf(key))} ${choices(key, options, checked)}
    </fieldset>`;
  }

  /**
   * A one-line field: text, e-mail, phone or date. One that is not `required` may be left
   * empty, and its label says so; `autocomplete` and `max` are left out when not given.
   */
  private renderInput(
    key: FieldKey & keyof FormValues,
    label: string,
    hint: string | undefined,
    type: string,
    required: boolean,
    autocomplete?: string,
    max?: string,
    ...more: string[]
  ): TemplateResult {
    return this.field(
      key,
      label,
      hint,
      !required,
      (d) =>
        html`<input
          type=${type}
          id="f-${key}"
          name=${key}
          part="input"
          ?required=${required}
          autocomplete=${autocomplete ?? nothing}
          max=${max ?? nothing}
          ?readonly=${this.status === 'sending'}
          .value=${live(this.values[key])}
          aria-describedby=${d || nothing}
          aria-invalid=${this.invalid(key)}
        />`,
      ...more,
    );
  }

  private renderChannel(t: Catalog): TemplateResult {
    return this.renderSelect('channel', t.channelLabel, Object.entries(t.channels), t.areaChoose);
  }

  /** A required choice from a list, after an empty "Välj". */
  private renderSelect(
    key: 'channel' | 'area',
    label: string,
    options: readonly (readonly [string, string])[],
    choose: string,
  ): TemplateResult {
    const selected = this.values[key];
    return this.field(
      key,
      label,
      undefined,
      false,
      (d) =>
        html`<select
          id="f-${key}"
          name=${key}
          part="input"
          required
          .value=${live(selected)}
          aria-describedby=${d || nothing}
          aria-invalid=${this.invalid(key)}
        >
          <option value="" ?selected=${!selected}>${choose}</option>
          ${options.map(
            ([value, label]) =>
              html`<option value=${value} ?selected=${selected === value}>${label}</option>`,
          )}
        </select>`,
    );
  }

  private renderKind(t: Catalog): TemplateResult {
    return this.radios(
      'kind',
      this.staff ? t.kindLegendStaff : t.kindLegend,
      // For the person who is afraid to complain; staff registering it need not be told.
      this.staff ? undefined : t.kindHint,
      kindChoices(t),
      this.values.kind,
    );
  }

  /** Staff only, with a complaint: their judgement that it is serious. */
  private renderSerious(t: Catalog): TemplateResult {
    return html`<div class="choice" part="field">
      <input
        type="checkbox"
        id="f-serious"
        name="serious"
        value="yes"
        .checked=${live(this.values.serious === 'yes')}
        aria-describedby="f-serious-hint"
      />
      <label part="label" for="f-serious">${t.seriousLabel}</label>
      <p class="hint" part="hint" id="f-serious-hint">${t.seriousHint}</p>
    </div>`;
  }

  private renderArea(t: Catalog): TemplateResult {
    const areas = [...this.areas, { value: AREA_UNKNOWN, label: t.areaUnknown }];
    const options = areas.map(({ value, label }) => [value, label] as const);
    return this.renderSelect('area', t.areaLabel, options, t.areaChoose);
  }

  private renderMessage(t: Catalog): TemplateResult {
    // Counted as the check that will judge it: by code point, so a plain emoji is one and an
    // emoji built of several (a family, a flag) is as many as it holds.
    return this.field(
      'message',
      this.staff ? t.messageLabelStaff : t.messageLabel,
      this.staff ? t.messageHintStaff : t.messageHint,
      false,
      (d) =>
        messageField(
          t,
          this.values.message,
          messageLength(this.values.message, this.messageCapabilities),
          d,
          this.errorOf('message') !== undefined,
          this.status === 'sending',
        ),
      'f-message-count',
    );
  }

  /**
   * The file field; without limits (the area or kind chosen goes where no files are taken),
   * only the files already added, each with its remove button, and why they cannot go.
   */
  private renderFiles(t: Catalog, limits: FileLimits | undefined): TemplateResult {
    if (!limits) {
      const why = this.errorText({ path: ['attachments'], code: 'files_not_supported' });
      return html`<div class="field has-error" part="field">
        <p class="error" part="error" id="f-attachments-error">
          ${this.errorOf('attachments') ?? why}
        </p>
        ${this.renderFileList(t, 'f-attachments')}
      </div>`;
    }
    const { maxCount, maxBytes, maxTotalBytes, types } = limits;
    const megabytes = (bytes: number) => formatMegabytes(bytes, t.dateLocale);
    const notes = [
      ...this.refused.map((r) => this.refusalText(r)),
      ...(this.lostFiles.length > 0 ? [t.filesNotRestored(this.lostFiles.join(', '))] : []),
    ];
    return this.field(
      'attachments',
      t.filesLabel,
      t.filesHint(
        maxCount,
        megabytes(maxBytes),
        megabytes(maxTotalBytes),
        formatFileTypes(types, t.dateLocale, 'or'),
      ),
      true,
      (d) =>
        html`${
            notes.length > 0
              ? html`<ul id="f-attachments-refused" class="error refused" part="error">
                  ${notes.map((note) => html`<li>${note}</li>`)}
                </ul>`
              : nothing
          }
          <input type="file" hidden multiple accept=${types.join(',')} @change=${this.onFiles} />
          <button
            type="button"
            id="f-attachments"
            part="button"
            class="secondary"
            aria-labelledby="f-attachments-label f-attachments"
            aria-describedby=${d || nothing}
            aria-invalid=${this.invalid('attachments')}
            @click=${this.pickFiles}
            @dragover=${(event: DragEvent) => event.preventDefault()}
            @drop=${this.onFiles}
          >
            ${this.attachments.length > 0 ? t.filesChooseMore : t.filesChoose}
          </button>
          ${this.attachments.length > 0 ? this.renderFileList(t) : nothing}`,
      ...(notes.length > 0 ? ['f-attachments-refused'] : []),
    );
  }

  /** The files added, each with its remove button; `id` when it stands in for the field. */
  private renderFileList(t: Catalog, id?: string): TemplateResult {
    const size = (bytes: number) =>
      new Intl.NumberFormat(t.dateLocale, {
        style: 'unit',
        unit: bytes < 1048576 ? 'kilobyte' : 'megabyte',
        maximumFractionDigits: 1,
      }).format(bytes < 1048576 ? bytes / 1024 : bytes / 1048576);
    return html`<ul
      class="files"
      part="files"
      id=${id ?? nothing}
      tabindex=${id ? -1 : nothing}
      aria-label=${t.filesAdded}
      aria-describedby=${id ? 'f-attachments-error' : nothing}
    >
      ${this.attachments.map(
        (file, index) =>
          html`<li>
            <span>${file.name} (${size(file.size)})</span>
            <button
              type="button"
              part="button"
              class="secondary"
              @click=${() => this.removeFile(index)}
            >
              ${t.fileRemove(file.name)}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  private renderReply(t: Catalog): TemplateResult {
    const { replyWanted, via } = this.values;
    const staff = this.staff;
    // The contact fields are asked only of someone who wants a reply, and then needed.
    const text = (
      key: FieldKey & keyof FormValues,
      label: string,
      type: string,
      autocomplete: string,
    ) =>
      this.renderInput(
        key,
        label,
        undefined,
        type,
        true,
        staff ? 'off' : autocomplete,
        undefined,
        'f-replyWanted-required',
      );
    return html`${this.radios(
      'replyWanted',
      staff ? t.replyLegendStaff : t.replyLegend,
      undefined,
      [
        ['yes', staff ? t.replyYesStaff : t.replyYes],
        // The choice's own line, so it is said on the choice, before anyone makes it.
        ['no', staff ? t.replyNoStaff : t.replyNo, staff ? t.anonymousNoteStaff : t.anonymousNote],
      ],
      replyWanted,
    )}
    ${
      replyWanted === 'yes'
        ? html`<div class="contact">
            <p class="note" part="hint">${(staff ? t.contactUseStaff : t.contactUse)(this.who)}</p>
            <p class="hint" part="hint" id="f-replyWanted-required">
              ${this.staff ? t.requiredForReplyStaff : t.requiredForReply}
            </p>
            ${text('name', t.nameLabel, 'text', 'name')}
            ${this.radios(
              'via',
              staff ? t.viaLegendStaff : t.viaLegend,
              undefined,
              [
                ['email', t.viaEmail],
                ['phone', t.viaPhone],
                ['letter', t.viaLetter],
              ],
              via,
            )}
            ${via === 'email' ? text('email', t.emailLabel, 'email', 'email') : nothing}
            ${via === 'phone' ? text('phone', t.phoneLabel, 'tel', 'tel') : nothing}
            ${
              via === 'letter'
                ? html`${text('street', t.streetLabel, 'text', 'street-address')}
                  ${text('postalCode', t.postalCodeLabel, 'text', 'postal-code')}
                  ${text('city', t.cityLabel, 'text', 'address-level2')}`
                : nothing
            }
          </div>`
        : nothing
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'synpunkt-form': SynpunktForm;
  }
}
