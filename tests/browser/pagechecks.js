// Measurements the browser tests take inside the page. Installed with
// context.add_init_script, so every page has window.__policynotes; the tests
// call its functions with page.evaluate and assert in Python.
(() => {
  "use strict";

  const BOXES = "div.policynotes-quote, div.policynotes-commentary";
  // Everything the extension renders that carries text a reader must read.
  const TEXT_ROOTS =
    "div.policynotes-quote, div.policynotes-commentary, div.policynotes-source, table.policynotes-index, " +
    "p.policynotes-index-source, div.policynotes-lineage-block, div.policynotes-responses-block";

  function describe(el) {
    const cls = el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\s+/).join(".") : "";
    const id = el.id ? "#" + el.id : "";
    return el.tagName.toLowerCase() + id + cls;
  }

  function sample(el) {
    return (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 40);
  }

  function visible(el) {
    if (!el.checkVisibility({ opacityProperty: true, checkOpacity: true, visibilityProperty: true, checkVisibilityCSS: true, contentVisibilityAuto: true })) {
      return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  function rect(el) {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height, right: r.right };
  }

  function boxInfo(el) {
    return { what: describe(el), text: sample(el), visible: visible(el), rect: rect(el) };
  }

  // Each quote and commentary with its label and body, and the commentaries
  // each quote's label links to.
  function boxes() {
    const out = [];
    for (const box of document.querySelectorAll(BOXES)) {
      const kind = box.classList.contains("policynotes-quote") ? "quote" : "commentary";
      const label = box.querySelector(":scope > p.policynotes-label");
      const badge = label && label.querySelector(".policynotes-kind");
      const body = kind === "quote"
        ? box.querySelector(":scope > blockquote")
        : box.querySelector(":scope > p:not(.policynotes-label)");
      const links = [];
      if (kind === "quote" && label) {
        for (const a of label.querySelectorAll('a[href^="#pc-"]')) {
          const target = document.getElementById(a.getAttribute("href").slice(1));
          links.push({ href: a.getAttribute("href"), found: !!target, target: target ? boxInfo(target) : null });
        }
      }
      out.push({
        kind,
        id: box.id,
        box: boxInfo(box),
        label: label ? boxInfo(label) : null,
        badge: badge ? badge.textContent.trim() : null,
        body: body ? boxInfo(body) : null,
        bodyText: body ? body.innerText.trim() : "",
        commentaryLinks: links,
      });
    }
    return { viewportWidth: document.documentElement.clientWidth, boxes: out };
  }

  function clipsX(el) {
    const o = getComputedStyle(el).overflowX;
    return o === "auto" || o === "scroll" || o === "hidden" || o === "clip";
  }

  // The page's horizontal scroll, and the elements that stick out of the
  // viewport without an ancestor that scrolls or clips them.
  function overflow() {
    const s = document.scrollingElement;
    const limit = s.clientWidth + 1;
    const offenders = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= limit) continue;
      let contained = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (clipsX(a) && a.getBoundingClientRect().right <= limit) { contained = true; break; }
      }
      if (!contained) offenders.push(describe(el) + " right=" + Math.round(r.right));
    }
    return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, offenders: offenders.slice(0, 8) };
  }

  // The policy index table and the element it scrolls in, if any.
  function indexTable() {
    const t = document.querySelector("table.policynotes-index");
    if (!t) return null;
    let scroller = null;
    for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) {
      if (clipsX(a)) { scroller = a; break; }
    }
    const cell = t.querySelector("tbody td");
    return {
      width: t.getBoundingClientRect().width,
      right: t.getBoundingClientRect().right,
      scroller: scroller ? { what: describe(scroller), width: scroller.getBoundingClientRect().width,
                             right: scroller.getBoundingClientRect().right } : null,
      cellWhiteSpace: cell ? getComputedStyle(cell).whiteSpace : null,
      viewportWidth: document.documentElement.clientWidth,
    };
  }

  // Every lineage and index table: its box, the box it has to fit in (its
  // parent) and the element it scrolls in, if any, with the white-space of
  // its cells.
  function tables() {
    const out = [];
    for (const t of document.querySelectorAll("table.policynotes-lineage-table, table.policynotes-index")) {
      let scroller = null;
      for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) {
        if (clipsX(a)) { scroller = a; break; }
      }
      const parent = t.parentElement.getBoundingClientRect();
      const cells = [...t.querySelectorAll("td, th")];
      out.push({
        what: describe(t),
        width: t.getBoundingClientRect().width,
        right: t.getBoundingClientRect().right,
        parentRight: parent.right,
        scroller: scroller ? {
          what: describe(scroller),
          right: scroller.getBoundingClientRect().right,
          scrollWidth: scroller.scrollWidth,
          clientWidth: scroller.clientWidth,
        } : null,
        nowrapCells: cells.filter((c) => ["nowrap", "pre"].includes(getComputedStyle(c).whiteSpace)).length,
        cells: cells.length,
      });
    }
    return { viewportWidth: document.documentElement.clientWidth, tables: out };
  }

  // The distinct lines the text in a range is laid out on (rects whose
  // vertical middles differ by more than half a line), and its width on one
  // line. Only the text's own boxes count, not those of the elements in it.
  function textNodes(range) {
    const root = range.commonAncestorContainer;
    if (root.nodeType === Node.TEXT_NODE) return [root];
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (range.intersectsNode(n)) out.push(n);
    }
    return out;
  }

  function lines(range) {
    const rects = [];
    for (const n of textNodes(range)) {
      const part = document.createRange();
      part.selectNodeContents(n);
      if (n === range.startContainer) part.setStart(n, range.startOffset);
      if (n === range.endContainer) part.setEnd(n, range.endOffset);
      for (const r of part.getClientRects()) if (r.width > 0 && r.height > 0) rects.push(r);
    }
    const middles = [];
    for (const r of rects) {
      const m = (r.top + r.bottom) / 2;
      if (!middles.some((x) => Math.abs(x - m) < r.height / 2)) middles.push(m);
    }
    return { count: middles.length, width: rects.reduce((w, r) => w + r.width, 0), rects };
  }

  // Each source heading of an index (p.policynotes-index-source: the
  // source's short-title link, then " / " and its title): how many lines it
  // takes, whether it would fit on one, and whether the title's first word
  // starts on the line where the link ends.
  function indexHeadings() {
    const out = [];
    for (const p of document.querySelectorAll("p.policynotes-index-source")) {
      const all = document.createRange();
      all.selectNodeContents(p);
      const cs = getComputedStyle(p);
      const inner = p.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const whole = lines(all);
      const link = p.querySelector("a");
      let joined = null;
      if (link && link.nextSibling && link.nextSibling.nodeType === Node.TEXT_NODE) {
        const text = link.nextSibling;
        // " / " and the first word (or the first CJK character) of the title.
        const m = /^\s*\/\s*(\S)/.exec(text.nodeValue);
        if (m) {
          const after = document.createRange();
          after.setStart(text, 0);
          after.setEnd(text, m[0].length);
          const linkRects = [...link.getClientRects()];
          const last = linkRects[linkRects.length - 1];
          const tail = lines(after).rects;
          const first = tail[tail.length - 1];
          joined = !!(last && first) && Math.abs((last.top + last.bottom) / 2 - (first.top + first.bottom) / 2) < last.height / 2;
        }
      }
      out.push({
        what: describe(p), text: sample(p), display: cs.display,
        lines: whole.count, oneLineWidth: whole.width, available: inner,
        lineHeight: parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2,
        height: p.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom),
        joined,
      });
    }
    return out;
  }

  // -- colour -----------------------------------------------------------------

  let ctx = null;
  function parseColor(str) {
    let m = /^rgba?\(([^)]*)\)$/.exec(str);
    if (m) {
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = /^color\(srgb\s+([^)]*)\)$/.exec(str);
    if (m) {
      const p = m[1].split(/[\s/]+/).filter(Boolean).map(parseFloat);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    // Any other colour syntax (oklch, lab, color-mix …): let a canvas convert it.
    if (!ctx) ctx = new OffscreenCanvas(1, 1).getContext("2d", { willReadFrequently: true });
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = str;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }

  function over(top, alpha, bottom) {
    return [0, 1, 2].map((i) => top[i] * alpha + bottom[i] * (1 - alpha));
  }

  function opacityChain(el) {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  }

  // The colour behind el: walk up to the first opaque background, then lay
  // the translucent ones found on the way over it.
  function background(el) {
    const layers = [];
    let opaque = null;
    let image = false;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundImage && cs.backgroundImage !== "none") image = true;
      const c = parseColor(cs.backgroundColor);
      const a = c[3] * opacityChain(e);
      if (a >= 0.999) { opaque = c.slice(0, 3); break; }
      if (a > 0) layers.push([c, a]);
    }
    if (!opaque) {
      // The canvas: dark only where the root asks for a dark colour scheme.
      const scheme = getComputedStyle(document.documentElement).colorScheme || "";
      const dark = scheme.includes("dark") && (!scheme.includes("light") || matchMedia("(prefers-color-scheme: dark)").matches);
      opaque = dark ? [18, 18, 18] : [255, 255, 255];
    }
    let rgb = opaque;
    for (let i = layers.length - 1; i >= 0; i--) rgb = over(layers[i][0], layers[i][1], rgb);
    return { rgb, image };
  }

  function luminance(rgb) {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function ratio(a, b) {
    const la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function part(el) {
    if (el.closest("p.policynotes-label")) return "label";
    if (el.closest("div.policynotes-quote > blockquote")) return "quote";
    if (el.closest("div.policynotes-commentary")) return "commentary";
    if (el.closest("div.policynotes-source")) return "source";
    if (el.closest("div.policynotes-lineage-block")) return "lineage";
    if (el.closest("p.policynotes-index-source")) return "heading";
    if (el.closest("table.policynotes-index")) return "index";
    if (el.closest("div.policynotes-responses-block")) return "responses";
    return "other";
  }

  // Contrast of every visible element that directly holds text inside the
  // extension's boxes, against the background it is drawn on.
  function contrast() {
    const seen = new Set();
    const out = [];
    for (const root of document.querySelectorAll(TEXT_ROOTS)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.nodeValue.trim()) continue;
        const el = n.parentElement;
        if (seen.has(el) || !visible(el)) continue;
        seen.add(el);
        const bg = background(el);
        const c = parseColor(getComputedStyle(el).color);
        const fg = over(c, c[3] * opacityChain(el), bg.rgb);
        // For links: the theme's own link colour on the page around the
        // extension's box, i.e. what every other link of the theme gets.
        let themeLink = null;
        if (el.closest("a")) {
          const page = background(root.parentElement).rgb;
          themeLink = ratio(over(c, c[3], page), page);
        }
        out.push({
          what: describe(el), part: part(el), text: n.nodeValue.trim().slice(0, 30),
          fg: fg.map(Math.round), bg: bg.rgb.map(Math.round), bgImage: bg.image,
          ratio: ratio(fg, bg.rgb), themeLink,
        });
      }
    }
    return out;
  }

  // Luminance of what is behind the article text: tells whether a dark mode
  // is in effect.
  function pageLuminance() {
    const probe = document.querySelector("div.policynotes-quote, div.policynotes-commentary, table.policynotes-index, table.policynotes-lineage-table") || document.body;
    return luminance(background(probe.parentElement || probe).rgb);
  }

  // The review work: each badge (its word, its frame and fill, the contrast
  // of its word on what is behind it, whether it stays inside its box); each
  // reply in the index with the note it answers (the by-line above it); each
  // reply on the page with the commentary its "reply to" link names; and the
  // responses tables, as tables() gives them.
  function review() {
    const badges = [];
    for (const b of document.querySelectorAll("span.policynotes-badge")) {
      const style = getComputedStyle(b);
      const bg = background(b);
      const c = parseColor(style.color);
      const fg = over(c, c[3] * opacityChain(b), bg.rgb);
      const own = parseColor(style.backgroundColor);
      const box = b.closest("div.policynotes-commentary, td, p") || b.parentElement;
      const r = b.getBoundingClientRect(), outer = box.getBoundingClientRect();
      badges.push({
        what: describe(b), text: sample(b), visible: visible(b), ratio: ratio(fg, bg.rgb),
        border: parseFloat(style.borderLeftWidth) || 0, borderStyle: style.borderLeftStyle,
        borderColor: parseColor(style.borderLeftColor).map(Math.round), fill: own[3],
        inside: r.left >= outer.left - 1 && r.right <= outer.right + 1,
        right: r.right, part: part(b),
      });
    }
    const indexReplies = [];
    for (const reply of document.querySelectorAll("div.policynotes-reply")) {
      let by = reply.previousElementSibling;
      while (by && !by.matches("p.policynotes-index-by")) by = by.previousElementSibling;
      const cell = reply.closest("td");
      const r = reply.getBoundingClientRect();
      const first = cell ? cell.querySelector(":scope > p") : null;
      indexReplies.push({
        what: describe(reply), text: sample(reply), visible: visible(reply),
        left: r.left, top: r.top, right: r.right,
        cellRight: cell ? cell.getBoundingClientRect().right : null,
        noteLeft: first ? first.getBoundingClientRect().left : null,
        noteBottom: by ? by.getBoundingClientRect().bottom : null,
        noteAuthor: by ? sample(by.querySelector(".policynotes-author") || by) : null,
      });
    }
    const pageReplies = [];
    for (const label of document.querySelectorAll("div.policynotes-commentary > p.policynotes-label")) {
      const link = [...label.querySelectorAll('a[href^="#pc-"]')].find(
        (a) => /reply|返信/.test(a.previousSibling ? a.previousSibling.textContent : ""));
      if (!link) continue;
      const target = document.getElementById(link.getAttribute("href").slice(1));
      const note = label.parentElement;
      pageReplies.push({
        what: describe(note), linkText: sample(link), target: target ? describe(target) : null,
        targetAuthor: target ? sample(target.querySelector(".policynotes-author") || target) : null,
        below: target ? target.getBoundingClientRect().top < note.getBoundingClientRect().top : null,
      });
    }
    const responses = [];
    for (const t of document.querySelectorAll("table.policynotes-responses")) {
      let scroller = null;
      for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) {
        if (clipsX(a)) { scroller = a; break; }
      }
      responses.push({
        what: describe(t), right: t.getBoundingClientRect().right,
        parentRight: t.parentElement.getBoundingClientRect().right,
        scroller: scroller ? { right: scroller.getBoundingClientRect().right } : null,
        rows: t.querySelectorAll("tbody tr").length,
        headers: [...t.querySelectorAll("thead th")].map(sample),
      });
    }
    return { badges, indexReplies, pageReplies, responses };
  }

  window.__policynotes = { boxes, overflow, indexTable, tables, indexHeadings, contrast, pageLuminance, review };
})();
