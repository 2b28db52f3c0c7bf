// Loaded first (a blocking classic script) by both benchmark pages. Resolves
// window.__interactive with performance.now() (ms since navigation start) at the first moment the
// form's first control is interactive: it is in the DOM (the element's shadow root, or the page
// for the plain form), has a non-empty layout box, and focus() makes it the active element.
(() => {
  let done = false;
  let resolve;
  window.__interactive = new Promise((r) => (resolve = r));

  function check() {
    if (done) return true;
    const host = document.querySelector('synpunkt-form');
    const root = host ? host.shadowRoot : document;
    if (!root) return false;
    const control = root.querySelector('input, select, textarea, button');
    if (!control) return false;
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    control.focus({ preventScroll: true });
    if (root.activeElement !== control) return false;
    done = true;
    resolve(performance.now());
    return true;
  }

  // The plain form: checked as the parser adds nodes (observer callbacks run during parsing).
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });

  // The widget: checked as soon as the element is defined and has rendered (Lit's
  // updateComplete), then on every frame in case it renders later.
  customElements.whenDefined('synpunkt-form').then(async () => {
    observer.disconnect();
    const host = document.querySelector('synpunkt-form');
    if (host && 'updateComplete' in host) await host.updateComplete;
    const frame = () => {
      if (!check()) requestAnimationFrame(frame);
    };
    frame();
  });
})();
