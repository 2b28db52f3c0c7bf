// Runs inside the test page (added as an init script, so the page's strict CSP does not apply):
// reads what the browser computed for <synpunkt-form> and hands plain data back to the tests.
// Plain JavaScript on purpose: functions that tsx compiles cannot be sent to a page (`__name`).
// The colour arithmetic is done in Node (contrast.ts), where it is unit-tested.
(() => {
  /** The first <synpunkt-form> of the page. */
  const form = () => document.querySelector('synpunkt-form');
  /** Its shadow root. */
  const root = () => form()?.shadowRoot ?? null;

  /** The element that really has focus, through shadow roots. */
  function deepActive() {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  /** A short, readable name for an element: tag#id.class "text". */
  function describe(element) {
    if (!element) return '(nothing)';
    const id = element.id ? `#${element.id}` : '';
    const cls =
      typeof element.className === 'string' && element.className.trim()
        ? `.${element.className.trim().split(/\s+/).join('.')}`
        : '';
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const name = element.getAttribute?.('name');
    return `<${element.localName}${id}${cls}${name ? ` name=${name}` : ''}>${text ? ` "${text}"` : ''}`;
  }

  /** The parent in the flattened tree: the slot for slotted nodes, the host for shadow roots. */
  function flatParent(element) {
    if (element.assignedSlot) return element.assignedSlot;
    if (element.parentElement) return element.parentElement;
    const rootNode = element.getRootNode();
    return rootNode instanceof ShadowRoot ? rootNode.host : null;
  }

  /** From the element out to <html>: each one's background colour and opacity. */
  function layers(element) {
    const result = [];
    for (let at = element; at; at = flatParent(at)) {
      const style = getComputedStyle(at);
      result.push({
        background: style.backgroundColor,
        opacity: Number(style.opacity),
        image: style.backgroundImage !== 'none',
        what: describe(at),
      });
    }
    return result;
  }

  /** Every element of the form in the flattened tree: the shadow tree and what is slotted in. */
  function allElements() {
    const out = [];
    const visit = (node) => {
      for (const child of node.children) {
        out.push(child);
        if (child.localName === 'slot') {
          for (const assigned of child.assignedElements({ flatten: true })) {
            out.push(assigned, ...assigned.querySelectorAll('*'));
          }
        }
        if (child.shadowRoot && child.localName !== 'synpunkt-form') visit(child.shadowRoot);
        visit(child);
      }
    };
    const shadow = root();
    if (shadow) visit(shadow);
    return out;
  }

  /** Rendered: has a box, is not hidden, and is not the visually hidden (1 × 1, clipped) kind. */
  function rendered(element) {
    if (!element.isConnected) return false;
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return false;
    // Moved off the page (left: -10000px), where no one can scroll: not shown.
    if (rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0) return false;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || style.display === 'none') return false;
    for (let at = element; at; at = flatParent(at)) {
      const s = getComputedStyle(at);
      if (s.clip !== 'auto' && s.position === 'absolute') return false;
      if (s.clipPath !== 'none' && s.clipPath.startsWith('inset(50%')) return false;
      if (at.localName === 'synpunkt-form') break;
    }
    return true;
  }

  /** Elements that hold text themselves (a non-blank text node as a direct child). */
  function textElements() {
    return allElements().filter(
      (element) =>
        [...element.childNodes].some(
          (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '',
        ) && rendered(element),
    );
  }

  const CONTROLS = 'input:not([type=hidden]), select, textarea, button';
  const px = (value) => Number.parseFloat(value) || 0;

  /** An element's text colour, size and weight, and the layers behind it. */
  function textStyle(element) {
    const style = getComputedStyle(element);
    return {
      what: describe(element),
      color: style.color,
      fontSize: px(style.fontSize),
      fontWeight: Number(style.fontWeight),
      layers: layers(element),
    };
  }

  /** Each text with its colour, size, weight and the layers behind it. */
  function texts() {
    const fromText = textElements().map(textStyle);
    // Text inside fields (a typed value, the chosen option) has the field's colours.
    const fromFields = allElements()
      .filter((e) => e.matches('input:not([type=radio]):not([type=checkbox]), select, textarea'))
      .filter(rendered)
      .map(textStyle);
    return [...fromText, ...fromFields];
  }

  /** Each control's boundary: border sides, its own background and the layers behind it. */
  function controls() {
    return allElements()
      .filter((e) => e.matches(CONTROLS))
      .filter(rendered)
      .map((element) => {
        const s = getComputedStyle(element);
        return {
          what: describe(element),
          type: element.type ?? element.localName,
          borderStyle: s.borderTopStyle,
          borderWidth: px(s.borderTopWidth),
          borderColor: s.borderTopColor,
          outlineStyle: s.outlineStyle,
          outlineColor: s.outlineColor,
          accentColor: s.accentColor,
          appearance: s.appearance,
          forcedColorAdjust: s.forcedColorAdjust,
          background: s.backgroundColor,
          color: s.color,
          layers: layers(element),
        };
      });
  }

  /** How the focused element shows focus, and whether it can be seen. */
  function focusIndicator() {
    const element = deepActive();
    if (!element || element === document.body) return { what: describe(element), none: true };
    const s = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    return {
      obscured: obscured(element, rect),
      what: describe(element),
      none: false,
      outlineStyle: s.outlineStyle,
      outlineWidth: px(s.outlineWidth),
      outlineColor: s.outlineColor,
      outlineOffset: px(s.outlineOffset),
      boxShadow: s.boxShadow,
      layers: layers(element),
      rect: { top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right },
      viewport: { width: innerWidth, height: innerHeight },
    };
  }

  /**
   * Why the element cannot be seen, or '': entirely outside the viewport, or covered by other
   * content at the middle of its visible part (WCAG 2.4.11: not entirely hidden).
   */
  function obscured(element, box) {
    // A link across two lines: its first line box in view, not the box around both lines.
    const rect =
      [...element.getClientRects()].find((r) => r.bottom > 0 && r.top < innerHeight) ?? box;
    const left = Math.max(rect.left, 0);
    const right = Math.min(rect.right, innerWidth);
    const top = Math.max(rect.top, 0);
    const bottom = Math.min(rect.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) return 'entirely outside the viewport';
    const x = (left + right) / 2;
    const y = (top + bottom) / 2;
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    if (!hit) return 'nothing at its middle';
    const own =
      hit === element ||
      element.contains(hit) ||
      (element.labels && [...element.labels].includes(hit));
    return own ? '' : `covered by ${describe(hit)}`;
  }

  /** Boxes of rendered text, one per text node, for overlap checks. */
  function textBoxes() {
    const boxes = [];
    for (const element of textElements()) {
      for (const node of element.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || node.textContent.trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width > 0 && r.height > 0) {
            boxes.push({
              what: describe(element),
              text: node.textContent.trim().slice(0, 30),
              top: r.top,
              left: r.left,
              bottom: r.bottom,
              right: r.right,
            });
          }
        }
      }
    }
    return boxes;
  }

  /** Elements whose content is cut off: more content than box, with overflow not visible. */
  function clipped() {
    return allElements()
      .filter(rendered)
      .filter((e) => !e.matches('textarea, select, input'))
      .filter((e) => {
        const s = getComputedStyle(e);
        const cuts = (v) => v !== 'visible';
        return (
          (cuts(s.overflowX) && e.scrollWidth > e.clientWidth + 1) ||
          (cuts(s.overflowY) && e.scrollHeight > e.clientHeight + 1)
        );
      })
      .map(
        (e) =>
          `${describe(e)}: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`,
      );
  }

  /** The page's width and everything in the form that sticks out of the viewport sideways. */
  function reflow() {
    const wide = allElements()
      .filter(rendered)
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.left < -0.5 || r.right > innerWidth + 0.5)
      .map(({ e, r }) => `${describe(e)}: ${Math.round(r.left)}…${Math.round(r.right)}`);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth,
      wide,
    };
  }

  /** Everything in the shadow root (and the host) that moves: durations above zero. */
  function motion() {
    const moving = [];
    for (const element of [form(), ...allElements()]) {
      if (!element) continue;
      const s = getComputedStyle(element);
      const transition = s.transitionDuration.split(',').some((d) => Number.parseFloat(d) > 0);
      const animation =
        s.animationName !== 'none' &&
        s.animationDuration.split(',').some((d) => Number.parseFloat(d) > 0);
      if (transition || animation) {
        moving.push(
          `${describe(element)}: transition ${s.transitionProperty} ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`,
        );
      }
    }
    return moving;
  }

  /** Everything one can click or tab to, with its box and whether it sits inside a sentence. */
  function targets() {
    return allElements()
      .filter((e) =>
        e.matches(
          'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])',
        ),
      )
      .filter(rendered)
      .map((e) => {
        const r = e.getBoundingClientRect();
        const parent = flatParent(e);
        const ownText = (e.textContent ?? '').trim();
        const parentText =
          (parent?.localName === 'slot' ? flatParent(parent) : parent)?.textContent ?? '';
        const inline =
          e.localName === 'a' &&
          getComputedStyle(e).display === 'inline' &&
          parentText.replace(/\s+/g, ' ').trim().length > ownText.length;
        return {
          what: describe(e),
          inline,
          left: r.left,
          top: r.top,
          width: r.width,
          height: r.height,
        };
      });
  }

  /** Computed style properties of the elements matching a selector in the shadow root. */
  function styles(selector, properties) {
    return [...(root()?.querySelectorAll(selector) ?? [])].filter(rendered).map((element) => {
      const s = getComputedStyle(element);
      return {
        what: describe(element),
        ...Object.fromEntries(properties.map((p) => [p, s.getPropertyValue(p)])),
      };
    });
  }

  /** Counts changes to the form's live regions from now on; `liveLog()` reads them. */
  function watchLive() {
    const log = [];
    const observer = new MutationObserver((records) => {
      const regions = new Set();
      for (const record of records) {
        const target =
          record.target.nodeType === Node.ELEMENT_NODE
            ? record.target
            : record.target.parentElement;
        const region = target?.closest('[aria-live], [role=status], [role=alert]');
        if (region) regions.add(region);
      }
      for (const region of regions) {
        log.push({
          text: (region.textContent ?? '').replace(/\s+/g, ' ').trim(),
          live: region.getAttribute('aria-live') ?? region.getAttribute('role'),
        });
      }
    });
    observer.observe(root(), { subtree: true, childList: true, characterData: true });
    window.__liveLog = log;
  }

  /** The live regions in the form now: politeness and text. */
  function liveRegions() {
    return [...(root()?.querySelectorAll('[aria-live], [role=status], [role=alert]') ?? [])].map(
      (e) => ({
        what: describe(e),
        live: e.getAttribute('aria-live'),
        role: e.getAttribute('role'),
        text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }),
    );
  }

  /** Records every change of focus (deep) from now on; `focusLog()` reads them. */
  function watchFocus() {
    const log = [];
    const note = () => {
      const what = describe(deepActive());
      if (log.at(-1) !== what) log.push(what);
    };
    note();
    document.addEventListener('focusin', note, true);
    document.addEventListener('focusout', () => setTimeout(note), true);
    root()?.addEventListener('focusin', note, true);
    window.__focusLog = log;
  }

  // Lets tsx-compiled functions with named inner functions run in page.evaluate.
  globalThis.__name ??= (target) => target;

  globalThis.__a11y = {
    deepActive,
    describe,
    focused: () => describe(deepActive()),
    texts,
    controls,
    focusIndicator,
    textBoxes,
    clipped,
    reflow,
    motion,
    targets,
    styles,
    watchLive,
    liveLog: () => window.__liveLog ?? [],
    liveRegions,
    watchFocus,
    focusLog: () => window.__focusLog ?? [],
  };
})();
