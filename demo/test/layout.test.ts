// The demo's own pages, as markup: landmarks, the current section and languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPage, type Page } from '../src/site/layout.js';
import { MAIL_PAGE } from '../src/site/mail-page.js';

const page = (extra: Partial<Page>): Page => ({
  path: '/kontakt/synpunkter',
  title: 'Lämna en synpunkt',
  lang: 'sv',
  section: '/kontakt',
  breadcrumbs: '<a href="/">Start</a> › <a href="/kontakt">Kontakta oss</a>',
  main: '<h1>Lämna en synpunkt</h1>',
  ...extra,
});

describe('the demo site’s layout', () => {
  it('puts the breadcrumbs in a navigation landmark of their own', () => {
    const html = renderPage(page({}));
    assert.match(
      html,
      /<nav class="breadcrumbs" aria-label="Brödsmulor"><p><a href="\/">Start<\/a>/,
    );
    assert.match(
      renderPage(page({ lang: 'en' })),
      /<nav class="breadcrumbs" aria-label="Breadcrumbs">/,
    );
  });

  it('marks the section a page is in, and calls it the current page only on that page', () => {
    assert.match(renderPage(page({})), /<a href="\/kontakt" aria-current="true">Kontakta oss<\/a>/);
    const section = renderPage(page({ path: '/kontakt' }));
    assert.match(section, /<a href="\/kontakt" aria-current="page">Kontakta oss<\/a>/);
  });

  it('marks the Swedish menu as Swedish on an English page, and the footer links that lead to Swedish', () => {
    const html = renderPage(page({ lang: 'en', path: '/en/feedback' }));
    assert.match(html, /<nav class="main-nav" aria-label="Main menu"><ul lang="sv">/);
    assert.match(
      html,
      /<a href="\/personuppgifter" hreflang="sv">Personal data \(in Swedish\)<\/a>/,
    );
    assert.doesNotMatch(renderPage(page({})), /<ul lang="sv">/);
  });

  it('the clerk’s page does not read its three-second refresh out: the time is no live region', () => {
    assert.match(MAIL_PAGE.main, /<span id="refresh-time"><\/span>/);
    assert.match(MAIL_PAGE.main, /<span id="refresh-status" role="status"><\/span>/);
    assert.doesNotMatch(MAIL_PAGE.main, /id="refresh-time"[^>]*role=/);
  });
});
