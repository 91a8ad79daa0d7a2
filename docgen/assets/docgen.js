/* docgen's script for an MkDocs Material site (add it with extra_javascript).
 *
 * - Labels every cell of docgen's column tables with its column's name (data-label), so docgen.css
 *   can stack their rows on a phone and keep each value next to its column name; other tables
 *   of the site stay tables.
 * - Draws ```mermaid diagrams (SuperFences class "docgen-mermaid") with the Mermaid the site
 *   itself serves: mermaid.min.js next to this script, loaded on pages that have a diagram
 *   (or an already loaded window.mermaid); never a CDN. They are drawn at their own size in a scrollable frame, in the
 *   reader's light or dark scheme; a box of the diagram links to its table (the first link
 *   on the page whose text is the table's name); on a table's page the frame opens on the table's
 *   own box; "Open full size" shows the diagram on the whole screen, with wheel or pinch zoom and
 *   drag from anywhere.
 *
 * Names in a diagram are text: Mermaid runs with securityLevel "strict" and this script only
 * reads labels with textContent and sets href to URLs MkDocs wrote into the page.
 */
(function () {
  "use strict";

  const sources = new WeakMap();  // diagram frame -> its Mermaid text
  const MERMAID = new URL("mermaid.min.js", document.currentScript.src).href;
  let drawn = 0;
  let mermaidLoaded = null;

  function loadMermaid() {
    if (window.mermaid) return Promise.resolve();
    mermaidLoaded = mermaidLoaded || new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = MERMAID;
      script.onload = resolve;
      script.onerror = () => reject(new Error("cannot load " + MERMAID));
      document.head.appendChild(script);
    });
    return mermaidLoaded;
  }

  // docgen's tables, known by their first two headers; its column tables also by their rows, which start
  // with the column's anchor (<a id="users.email">). The others of the site are left as they are.
  const DOCGEN_HEADERS = new Set(["Column|Type", "Table|Columns", "Columns|References", "Name|Columns",
                                  "Name|Condition", "Name|Column", "Type|Kind", "Sequence|Owned by",
                                  "View|Kind", "Name|Timing"]);

  function labelTables(root) {
    for (const table of root.querySelectorAll(".md-typeset table")) {
      const names = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
      if (names.length < 2 || !DOCGEN_HEADERS.has(names[0] + "|" + names[1])) continue;
      table.setAttribute("data-docgen-table", "");
      for (const link of table.querySelectorAll("td a")) breakAfterSeparators(link);
      if (!table.querySelector("tbody td:first-child > a[id]:first-child")) continue;
      table.setAttribute("data-docgen-stack", "");
      for (const row of table.querySelectorAll("tbody tr")) {
        Array.from(row.children).forEach((cell, i) => cell.setAttribute("data-label", names[i] || ""));
        if (row.firstElementChild) breakAfterSeparators(row.firstElementChild);  // the column's name
      }
    }
  }

  // A long name ("conversation_embeddings.conversation_id") may wrap after a "." or "_", and nowhere else.
  function breakAfterSeparators(element) {
    for (const node of Array.from(element.childNodes)) {
      if (node.nodeType !== Node.TEXT_NODE || !/[._]./.test(node.textContent)) continue;
      const pieces = node.textContent.split(/(?<=[._])/);
      node.replaceWith(...pieces.flatMap((piece, i) => (i ? [document.createElement("wbr"), piece] : [piece])));
    }
  }

  function tableLinks(root) {
    const links = new Map();
    for (const a of root.querySelectorAll(".md-content a[href]")) {
      const name = a.textContent.trim();
      if (name && !links.has(name)) links.set(name, a.getAttribute("href"));
    }
    return links;
  }

  // Mermaid writes an entity's quoted name without what it cannot hold (see docgen/er.py).
  function mermaidName(name) {
    return name.replace(/["%\\\x00-\x1f\x7f\x85\u2028\u2029]/g, "_").replace(/(direction)\s+(?=(?:TB|BT|RL|LR))/gi, "$1_").trim();
  }

  function linkBoxes(svg, links) {
    const byEntity = new Map();
    for (const [name, href] of links) {
      if (!byEntity.has(mermaidName(name))) byEntity.set(mermaidName(name), href);
    }
    for (const box of svg.querySelectorAll("g.node, g[id^='entity-']")) {
      const label = box.querySelector(".nodeLabel, .label, text");
      const href = label && byEntity.get(label.textContent.trim());
      if (!href || box.closest("a")) continue;
      const link = document.createElementNS("http://www.w3.org/2000/svg", "a");
      link.setAttribute("href", href);
      link.setAttribute("class", "docgen-diagram__link");
      link.setAttribute("aria-label", label.textContent.trim());
      box.replaceWith(link);
      link.appendChild(box);
    }
  }

  async function draw(frame, links) {
    const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    window.mermaid.initialize({
      startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default",
      er: { useMaxWidth: false }, flowchart: { useMaxWidth: false },
      sequence: { useMaxWidth: false }, class: { useMaxWidth: false },
    });
    const { svg } = await window.mermaid.render("docgen-diagram-" + ++drawn, sources.get(frame));
    const scroller = frame.querySelector(".docgen-diagram__scroll");
    scroller.innerHTML = svg;
    linkBoxes(scroller.querySelector("svg"), links);
    const own = ownBox(scroller.querySelector("svg"));
    if (own) centre(scroller, own.querySelector(".nodeLabel, .label, text") || own);
  }

  // The box of the table whose page this is (the page's title names it), if the diagram has one.
  function ownBox(svg) {
    const title = document.querySelector(".md-content article h1");
    const name = title && mermaidName(title.textContent.replace("\u00b6", "").trim());
    if (!svg || !name) return null;
    return Array.from(svg.querySelectorAll("g.node, g[id^='entity-']")).find((box) => {
      const label = box.querySelector(".nodeLabel, .label, text");
      return label && label.textContent.trim() === name;
    }) || null;
  }

  // Scroll the frame so that ``label`` (the name of the page's table, atop its box) is in its middle,
  // or as near as the frame's edges allow.
  function centre(scroller, label) {
    const frame = scroller.getBoundingClientRect();
    const target = label.getBoundingClientRect();
    scroller.scrollLeft += target.left + target.width / 2 - (frame.left + frame.width / 2);
    scroller.scrollTop += target.top + target.height / 2 - (frame.top + frame.height / 2);
  }

  // The heading a diagram is under ("ER diagram", a group's name): what tells its frame from the others.
  function headingBefore(element) {
    for (let node = element; node; node = node.previousElementSibling || node.parentElement) {
      if (node !== element && /^H[1-6]$/.test(node.tagName)) return node.textContent.replace("\u00b6", "").trim();
    }
    return "";
  }

  // ``heading``: the one the diagram is under; ``n``: its place on the page when another is under the same (else null).
  function frameFor(pre, heading, n) {
    const frame = document.createElement("div");
    frame.className = "docgen-diagram";
    const scroller = document.createElement("div");
    scroller.className = "docgen-diagram__scroll";
    scroller.tabIndex = 0;  // a reader without a mouse can scroll it too
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-label", "Diagram" + (heading ? ": " + heading : "")
                                        + (n === null ? "" : " " + (n + 1)) + " (scrolls)");  // names must differ
    const open = document.createElement("button");
    open.type = "button";
    open.className = "docgen-button docgen-diagram__open";
    open.textContent = "Open full size";
    open.addEventListener("click", () => {
      const svg = scroller.querySelector("svg");
      showFullSize(svg, ownBox(svg));
    });
    frame.append(scroller, open);
    sources.set(frame, pre.textContent);
    pre.replaceWith(frame);
    return frame;
  }

  async function drawAll(root) {
    if (!root.querySelector("pre.docgen-mermaid, .docgen-diagram")) return;
    try {
      await loadMermaid();
    } catch (error) {
      console.warn("docgen: no Mermaid, diagrams stay text:", error.message);
      return;
    }
    const links = tableLinks(root);
    const pres = Array.from(root.querySelectorAll("pre.docgen-mermaid"));
    const headings = pres.map(headingBefore);
    pres.forEach((pre, n) => frameFor(pre, headings[n], headings.indexOf(headings[n]) !== headings.lastIndexOf(headings[n]) ? n : null));
    for (const frame of root.querySelectorAll(".docgen-diagram")) {
      try {
        await draw(frame, links);
      } catch (error) {
        frame.querySelector(".docgen-diagram__scroll").textContent = sources.get(frame);
        console.warn("docgen: Mermaid could not draw a diagram:", error);
      }
    }
  }

  function showFullSize(svg, own) {
    if (!svg) return;
    const overlay = document.createElement("dialog");  // modal: Escape closes it, focus stays inside
    overlay.className = "docgen-overlay";
    overlay.setAttribute("aria-label", "Diagram, full size: wheel or pinch to zoom, drag to move, Escape to close");
    const stage = document.createElement("div");
    stage.className = "docgen-overlay__stage";
    const picture = svg.cloneNode(true);
    stage.appendChild(picture);
    const close = document.createElement("button");
    close.type = "button";
    close.className = "docgen-button docgen-overlay__close";
    close.textContent = "Close";
    overlay.append(stage, close);
    document.body.appendChild(overlay);
    overlay.addEventListener("close", () => overlay.remove());
    close.addEventListener("click", () => overlay.close());
    overlay.showModal();

    // Fit the whole diagram when its text stays legible (half size or more); else show it at its own
    // size, on the page's table when it has one.
    const box = picture.getBoundingClientRect();
    const fit = Math.min(1, (innerWidth - 40) / box.width, (innerHeight - 80) / box.height);
    const view = { scale: fit >= 0.5 ? fit : 1 };
    view.x = (innerWidth - box.width * view.scale) / 2;
    view.y = Math.max(20, (innerHeight - box.height * view.scale) / 2);
    const ownCopy = own && own.id ? picture.querySelector(`[id="${CSS.escape(own.id)}"]`) : null;
    if (view.scale === 1 && ownCopy) {
      const at = ownCopy.getBoundingClientRect();
      view.x = innerWidth / 2 - (at.left - box.left + at.width / 2);
      view.y = Math.min(20, innerHeight / 2 - (at.top - box.top + Math.min(at.height, innerHeight) / 2));
    } else if (view.scale === 1) {
      view.x = Math.min(view.x, 20);
    }
    const place = () => { stage.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`; };
    place();

    const zoom = (factor, x, y) => {
      const scale = Math.min(8, Math.max(0.1, view.scale * factor));
      view.x = x - ((x - view.x) * scale) / view.scale;
      view.y = y - ((y - view.y) * scale) / view.scale;
      view.scale = scale;
      place();
    };
    overlay.addEventListener("wheel", (event) => {
      event.preventDefault();
      zoom(Math.exp(-event.deltaY * 0.0015), event.clientX, event.clientY);
    }, { passive: false });

    // Drag from anywhere (a box too: a drag is not a click), pinch with two fingers.
    const pointers = new Map();
    let moved = false;
    overlay.addEventListener("pointerdown", (event) => {
      if (event.target.closest("button")) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.size === 1) moved = false;
    });
    overlay.addEventListener("pointermove", (event) => {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      const now = { x: event.clientX, y: event.clientY };
      if (pointers.size === 2) {
        const [other] = Array.from(pointers).filter(([id]) => id !== event.pointerId).map(([, p]) => p);
        const before = Math.hypot(last.x - other.x, last.y - other.y);
        const after = Math.hypot(now.x - other.x, now.y - other.y);
        if (before > 0) zoom(after / before, (now.x + other.x) / 2, (now.y + other.y) / 2);
      } else {
        view.x += now.x - last.x;
        view.y += now.y - last.y;
        place();
      }
      if (!moved && Math.abs(now.x - last.x) + Math.abs(now.y - last.y) > 0) {
        moved = true;  // a drag, not a click: keep the pointer until it is lifted
        overlay.setPointerCapture(event.pointerId);
      }
      pointers.set(event.pointerId, now);
    });
    const lift = (event) => { pointers.delete(event.pointerId); };
    overlay.addEventListener("pointerup", lift);
    overlay.addEventListener("pointercancel", lift);
    overlay.addEventListener("click", (event) => {  // a box opens its page, unless the pointer dragged
      if (moved) {
        event.preventDefault();
        moved = false;
      }
    }, true);
  }

  function start() {
    labelTables(document);
    drawAll(document);
  }

  // Redraw in the other scheme when the reader switches between light and dark.
  new MutationObserver(() => drawAll(document)).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"],
  });
  if (window.document$) window.document$.subscribe(start);  // Material, also with instant navigation
  else start();
})();
