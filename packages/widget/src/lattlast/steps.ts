import {
  AREA_UNKNOWN,
  type Attachment,
  type Kind,
  type MessageLength,
  type ValidationIssue,
} from '@synpunkt/sdk';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Catalog, FieldKey, LattlastCatalog, StepId } from '../translations/catalog.js';
import { formatDate } from '../synpunkt-form/format-date.js';
import {
  choices,
  errorLine,
  kindChoices,
  messageField,
  notice,
} from '../synpunkt-form/templates.js';
import { asksEarlierReference, fieldOf, type FormValues } from '../synpunkt-form/values.js';
import { picture } from './pictures.js';
import { asSentences, screenText } from './screens.js';
import { canSpeak, Speaker } from './speech.js';

type Maybe = TemplateResult | typeof nothing;

/** What the steps need from the form: its state, its shared parts, and ways to change it. */
export interface StepContext {
  /** The form's texts with the lättläst texts laid over them. */
  t: Catalog & LattlastCatalog;
  /** The configured areas. */
  areas: readonly { value: string; label: string }[];
  /** What the sender entered (the same values as the standard form). */
  values: FormValues;
  /** Files attached in the standard form; listed on the last step. */
  attachments: readonly Attachment[];
  /** Files a reload dropped (a draft keeps none): named on the first and last step. */
  lostFiles: readonly string[];
  /** The municipality's name, or "kommunen". */
  who: string;
  /** The privacy page, if set and safe. */
  privacyUrl: string | undefined;
  /** True while sending. */
  sending: boolean;
  /**
   * The form's guidance block (112 and the other routes), shown on the first step, and again
   * where a send failed for good: it holds the other way to reach the municipality.
   */
  routes: TemplateResult;
  /** True when sending failed and trying again will not help. */
  failedForGood: boolean;
  /** The message's length and limit, counted as the check counts (`messageLength`). */
  count: MessageLength;
  /** The form's reply question with its contact fields, shown on the reply step. */
  reply: TemplateResult;
  /** The form's error summary, when there are problems. */
  summary: Maybe;
  /** The form's failure block, when sending failed. */
  failure: Maybe;
  /** The form's input handler: updates the shared values. */
  onInput: (event: Event) => void;
  /** Every problem of the current values. */
  validate: () => ValidationIssue[];
  /** Shows these problems (focus goes to the summary). */
  showIssues: (issues: ValidationIssue[]) => void;
  /** The first problem shown now with a field, if it has one. */
  errorOf: (key: FieldKey) => string | undefined;
  /** Sends (the form validates everything again first). */
  send: () => void;
  /**
   * Shows a field that only the standard form asks for (when, where, an earlier case number,
   * files), in that form.
   */
  elsewhere: (key: FieldKey) => void;
}

/** The fields each step asks for. */
const FIELDS: Record<StepId, readonly FieldKey[]> = {
  kind: ['kind'],
  area: ['area'],
  message: ['message'],
  reply: ['replyWanted', 'via', 'name', 'email', 'phone', 'street', 'postalCode', 'city'],
  review: [],
};

/**
 * Lättläst mode: the form as steps, one question per screen, "Tillbaka" and "Nästa", a last
 * screen that reads everything back with "Ändra", and "Lyssna". A Lit controller: it keeps the
 * step, moves focus to each step's heading, and stops reading aloud when the screen changes.
 */
export class Steps implements ReactiveController {
  /** The current step, an index into the form's steps. */
  index = 0;
  private ctx!: StepContext;
  private focus: string | undefined;
  private shown: string | undefined;
  private fromReview = false;
  private readonly speaker: Speaker;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.speaker = new Speaker(() => host.requestUpdate());
  }

  /** Back to the first step; focus goes to its heading if it is shown. */
  start(): void {
    this.index = 0;
    this.fromReview = false;
    this.focus = '#ll-heading';
  }

  /** @internal */
  hostUpdate(): void {
    this.shown = undefined;
  }

  /** @internal */
  hostUpdated(): void {
    // Whatever was read aloud is no longer on screen: stop.
    if (this.speaker.reading !== this.shown) this.speaker.stop();
    if (this.focus) this.host.shadowRoot?.querySelector<HTMLElement>(this.focus)?.focus();
    this.focus = undefined;
  }

  /** @internal */
  hostDisconnected(): void {
    this.speaker.stop();
  }

  private get ids(): StepId[] {
    const ids: StepId[] = ['kind', 'area', 'message', 'reply', 'review'];
    return this.ctx.areas.length > 0 ? ids : ids.filter((id) => id !== 'area');
  }

  private go(index: number, focus = '#ll-heading'): void {
    this.ctx.showIssues([]);
    this.index = index;
    this.focus = focus;
    this.host.requestUpdate();
  }

  /** "Nästa": shows this step's problems, or moves on (back to the last step after "Ändra"). */
  private next(step: StepId): void {
    if (step === 'review') return this.ctx.send();
    const issues = this.ctx.validate().filter((issue) => FIELDS[step].includes(fieldOf(issue)));
    if (issues.length > 0) return this.ctx.showIssues(issues);
    const last = this.ids.length - 1;
    this.go(this.fromReview ? last : this.index + 1);
    this.fromReview &&= this.index !== last;
  }

  /**
   * "Ändra" and the error summary's links: to the step that asks for the field, focus on
   * `focus`. When, where, an earlier case number and files are asked only in the standard form:
   * there, at the field.
   */
  edit(key: FieldKey, focus = '#ll-heading'): void {
    const index = this.ids.findIndex((id) => FIELDS[id].includes(key));
    if (index < 0) return this.ctx.elsewhere(key);
    this.fromReview = true;
    this.go(index, focus);
  }

  /** The current step: heading with progress, "Lyssna", instruction, question, buttons. */
  render(ctx: StepContext): TemplateResult {
    this.ctx = ctx;
    const { t } = ctx;
    const ids = this.ids;
    this.index = Math.min(this.index, ids.length - 1);
    const step = ids[this.index] ?? 'kind';
    const screen = (this.shown = `${this.index}`);
    const progress = t.progress(this.index + 1, ids.length);
    const { heading, instruction } = t.steps[step];
    const title = html`<h2 id="ll-heading" tabindex="-1">
      <span class="progress">${progress}</span>
      ${step === 'message' ? html`<label for="f-message">${heading}</label>` : heading}
    </h2>`;
    const listen = this.listenButton(screen, t, () => this.stepTexts(step, progress));
    const top = html`${listen}
      <p id="ll-instruction">${instruction}</p>`;
    const key = step === 'kind' ? 'kind' : 'area';
    return html`<div class="ll">
      ${step === 'kind' ? ctx.routes : nothing} ${ctx.summary} ${ctx.failure}
      ${step !== 'kind' && ctx.failedForGood ? ctx.routes : nothing}
      <form
        class="steps"
        part="form"
        novalidate
        @input=${ctx.onInput}
        @change=${ctx.onInput}
        @submit=${(event: Event) => {
          event.preventDefault();
          this.next(step);
        }}
      >
        ${
          step === 'kind' || step === 'area'
            ? html`<fieldset
                part="fieldset"
                role="radiogroup"
                aria-invalid=${this.ctx.errorOf(key) ? 'true' : 'false'}
                aria-describedby=${this.describedBy(key)}
              >
                <legend part="legend">${title}</legend>
                ${top} ${errorLine(key, this.ctx.errorOf(key))} ${this.question(step)}
              </fieldset>`
            : html`${title} ${top}
                <div class=${step}>
                  ${step === 'review' ? this.review() : step === 'reply' ? ctx.reply : this.message()}
                </div>`
        }
        ${this.index === 0 || step === 'review' ? this.lost() : nothing}
        <div class="step-buttons">
          ${
            this.index > 0
              ? html`<button
                  type="button"
                  part="button"
                  class="secondary"
                  @click=${() => this.go(this.index - 1)}
                >
                  ${t.back}
                </button>`
              : nothing
          }
          <button
            type="submit"
            part="button"
            class=${step === 'review' ? 'send' : 'next'}
            aria-disabled=${ctx.sending ? 'true' : 'false'}
            aria-busy=${ctx.sending ? 'true' : 'false'}
          >
            ${step === 'review' ? (ctx.sending ? t.sending : t.send) : t.next}
          </button>
        </div>
      </form>
    </div>`;
  }

  /**
   * "Lyssna" for one screen (a step, or the receipt): reads `texts()` aloud; pressed again
   * ("Sluta läsa") it stops. Nothing where the browser cannot speak.
   */
  listenButton(
    screen: string,
    t: Pick<Catalog & LattlastCatalog, 'listen' | 'stopListening' | 'dateLocale'>,
    texts: () => readonly string[],
  ): TemplateResult | typeof nothing {
    this.shown = screen;
    if (!canSpeak()) return nothing;
    const toggle = () => {
      if (this.speaker.reading === screen) this.speaker.stop();
      else this.speaker.speak(asSentences(texts()), t.dateLocale, screen);
      this.host.requestUpdate();
    };
    return html`<button
      type="button"
      part="button"
      class="secondary"
      id="ll-listen"
      @click=${toggle}
    >
      ${this.speaker.reading === screen ? t.stopListening : t.listen}
    </button>`;
  }

  /** What "Lyssna" reads on a step: progress, question, instruction, then what it shows. */
  private stepTexts(step: StepId, progress: string): string[] {
    const { t, areas, who } = this.ctx;
    const [heading = '', instruction = '', ...rest] = screenText(
      t,
      step,
      areas.map((area) => area.label),
      who,
    );
    // The problems first, as the summary shows them: who cannot read the error listens for it.
    // On the last step, the answers too, as shown: each term, then its answer; and lost files.
    const shown = (selector: string) =>
      [...(this.host.shadowRoot?.querySelectorAll(selector) ?? [])].map(
        (node) => node.textContent?.trim() ?? '',
      );
    const answers = shown('dt, dd > span, #ll-files');
    const texts = [progress, ...shown('#summary-heading, #error-summary li'), heading, instruction];
    texts.push(...answers.filter(Boolean), ...rest);
    return texts;
  }

  private describedBy(key: FieldKey, ...more: string[]): string {
    return ['ll-instruction', ...(this.ctx.errorOf(key) ? [`f-${key}-error`] : []), ...more].join(
      ' ',
    );
  }

  /** The choices as big cards (see the styles): radio, label with picture, hint. */
  private question(step: 'kind' | 'area'): TemplateResult[] {
    const { t, areas, values } = this.ctx;
    const options =
      step === 'kind'
        ? kindChoices(t)
        : [
            ...areas.map((area) => [area.value, area.label] as const),
            [AREA_UNKNOWN, t.areaUnknown] as const,
          ];
    const art = step === 'kind' ? (kind: string) => picture(kind as Kind) : undefined;
    return choices(step, options, values[step], art);
  }

  /** The message, described by the instruction, its error and the visible count. */
  private message(): TemplateResult {
    const { t, values, count } = this.ctx;
    const error = this.ctx.errorOf('message');
    const describedBy = this.describedBy('message', 'f-message-count');
    return html`${errorLine('message', error)}
    ${messageField(t, values.message, count, describedBy, !!error, false)}`;
  }

  /**
   * Files a reload dropped, as the standard form names them at its file field: the names, and a
   * button to that field (lättläst has no file step), described by the text.
   */
  private lost(): Maybe {
    const { t, lostFiles } = this.ctx;
    return lostFiles.length > 0
      ? html`<div class="has-error">
          <p class="error" part="error" id="ll-files">
            ${t.filesNotRestored(lostFiles.join(', '))}
          </p>
          <button
            type="button"
            part="button"
            class="secondary"
            aria-describedby="ll-files"
            @click=${() => this.edit('attachments')}
          >
            ${t.addFilesAgain}
          </button>
        </div>`
      : nothing;
  }

  /** The last step: everything that will be sent, each with "Ändra", then the notice. */
  private review(): TemplateResult {
    const { t, values, areas } = this.ctx;
    const { via } = values;
    const contact =
      via === 'email'
        ? [values.email]
        : via === 'phone'
          ? [values.phone]
          : [values.street, `${values.postalCode} ${values.city}`];
    const rows: [FieldKey, string, boolean?][] = [
      ['kind', values.kind && t.kinds[values.kind].label, true],
      [
        'area',
        areas.find((a) => a.value === values.area)?.label ?? (values.area && t.areaUnknown),
        !!areas[0],
      ],
      ['message', values.message, true],
      ['occurredAt', values.occurredAt && formatDate(values.occurredAt, t.dateLocale)],
      ['place', values.place.trim()],
      // What the standard form took, where it is sent: with a complaint or a suggestion.
      ['earlierReference', asksEarlierReference(values.kind) ? values.earlierReference.trim() : ''],
      ['attachments', this.ctx.attachments.map((file) => file.name).join(', ')],
      [
        'replyWanted',
        values.replyWanted === 'yes'
          ? [t.replyYes, values.name, ...contact].join('\n')
          : values.replyWanted && t.replyNo,
        true,
      ],
    ];
    return html`<dl>
        ${rows.map(([key, value, asked]) =>
          value || asked
            ? html`<div>
                <dt>${t.fields[key]}</dt>
                <dd>
                  <span>${value}</span>
                  <button
                    type="button"
                    part="button"
                    class="secondary"
                    @click=${() => this.edit(key)}
                  >
                    ${t.change}<span class="visually-hidden"> ${t.fields[key]}</span>
                  </button>
                </dd>
              </div>`
            : nothing,
        )}
      </dl>
      ${notice(t.publicRecord(this.ctx.who), this.ctx.privacyUrl, t.privacyLink)}`;
  }
}
