// Present mode: the deck's cards one at a time, for a shared screen or a projector.
// Without this file the page lists every card. With it: → / Space / PageDown for the next card,
// ← / PageUp for the previous, Home and End, buttons to shuffle and to draw a card not yet
// shown, Escape back to the deck. On the deck builder's page the cards come from the builder's
// choice, kept in this browser only (localStorage), never sent anywhere.
(function () {
  "use strict";
  const BUILDER_STORE = "triobog-kortbygger";

  const root = document.querySelector("[data-present-root]");
  if (!root) return;
  const list = root.querySelector("[data-present-cards]");
  const count = root.querySelector("[data-present-count]");
  const status = root.querySelector("[data-present-status]");
  const controls = root.querySelector("[data-present-controls]");
  const help = root.querySelector("[data-present-help]");
  const back = root.querySelector("[data-present-back]");
  const fullscreen = root.querySelector("[data-present-fullscreen]");

  function isUnfinished(text) {
    return /(…|\.\.\.)\s*$/.test(text);
  }

  /** The builder's chosen cards, in its order (the decks' order, then the TRIO's own). */
  function loadBuilderCards() {
    let state = null;
    try {
      state = JSON.parse(localStorage.getItem(BUILDER_STORE) || "null");
    } catch (e) {
      state = null;
    }
    if (!state) return;
    const chosen = new Set(Array.isArray(state.cards) ? state.cards : []);
    const source = document.getElementById("present-source");
    let n = 0;
    for (const item of source.content.querySelectorAll("[data-key]")) {
      if (!chosen.has(item.dataset.key)) continue;
      const card = item.cloneNode(true);
      card.id = "kort-" + ++n;
      card.setAttribute("data-card", "");
      list.appendChild(card);
    }
    const own = typeof state.own === "string" ? state.own.split("\n").map((l) => l.trim()).filter(Boolean) : [];
    for (const text of own) {
      const card = document.createElement("li");
      card.className = "present__card" + (text.length > 150 ? " present__card--long" : "");
      card.id = "kort-" + ++n;
      card.setAttribute("data-card", "");
      const p = document.createElement("p");
      p.className = "present__text";
      p.textContent = text;
      card.appendChild(p);
      if (isUnfinished(text)) {
        const tag = document.createElement("p");
        tag.className = "present__tag";
        tag.textContent = "Gør sætningen færdig";
        card.appendChild(tag);
      }
      list.appendChild(card);
    }
    if (typeof state.color === "string" && /^deck--[a-z0-9-]+$/.test(state.color)) {
      for (const c of Array.from(root.classList)) if (c.startsWith("deck--")) root.classList.remove(c);
      root.classList.add(state.color);
    }
    const name = root.querySelector("[data-present-name]");
    if (name && typeof state.name === "string" && state.name.trim()) name.textContent = state.name.trim();
    const empty = root.querySelector("[data-present-empty]");
    if (empty && n > 0) empty.hidden = true;
  }

  if (root.hasAttribute("data-present-builder")) loadBuilderCards();
  let order = Array.from(list.querySelectorAll("[data-card]"));
  if (order.length === 0) return;

  let index = 0;
  const shown = new Set();
  root.classList.add("present--on");
  controls.hidden = false;
  count.hidden = false;
  help.hidden = false;

  function textOf(card) {
    return card.querySelector(".present__text").textContent.replace(/\s+/g, " ").trim();
  }

  function position() {
    return "Kort " + (index + 1) + " af " + order.length;
  }

  function announce(text) {
    status.textContent = text;
  }

  function show(i, note, still) {
    index = Math.max(0, Math.min(order.length - 1, i));
    order.forEach((card, n) => {
      card.hidden = n !== index;
    });
    const card = order[index];
    shown.add(card);
    count.textContent = position();
    card.classList.remove("present__card--enter");
    if (!still) {
      void card.offsetWidth; // restart the entrance animation
      card.classList.add("present__card--enter");
    }
    announce((note ? note + " " : "") + position() + ": " + textOf(card));
  }

  function next() {
    if (index < order.length - 1) show(index + 1);
    else announce("Det er det sidste kort. " + position() + ".");
  }

  function previous() {
    if (index > 0) show(index - 1);
    else announce("Det er det første kort. " + position() + ".");
  }

  function shuffle() {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const card of order) list.appendChild(card);
    shown.clear();
    show(0, "Kortene er blandet.");
  }

  function drawUnseen() {
    const unseen = order.filter((card) => !shown.has(card));
    if (unseen.length === 0) {
      shown.clear();
      shown.add(order[index]);
      announce("Alle " + order.length + " kort har været vist. Træk igen for at begynde forfra.");
      return;
    }
    const pick = unseen[Math.floor(Math.random() * unseen.length)];
    show(order.indexOf(pick), "Et tilfældigt kort.");
  }

  function goBack() {
    window.location.href = back.href;
  }

  root.querySelector("[data-present-next]").addEventListener("click", next);
  root.querySelector("[data-present-prev]").addEventListener("click", previous);
  root.querySelector("[data-present-shuffle]").addEventListener("click", shuffle);
  root.querySelector("[data-present-random]").addEventListener("click", drawUnseen);

  if (fullscreen && root.requestFullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", () => {
      const done = document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen();
      if (done && done.catch) done.catch(() => announce("Browseren tillod ikke fuld skærm. Prøv tasten F11."));
    });
    document.addEventListener("fullscreenchange", () => {
      fullscreen.textContent = document.fullscreenElement ? "Afslut fuld skærm" : "Fuld skærm";
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target instanceof Element ? event.target : null;
    // Keys typed into the header's search box or menu, or any field, stay theirs.
    if (target && target.closest("input, textarea, select, [contenteditable], .site-header, details")) return;
    const onControl = target && target.closest("a, button, summary");
    switch (event.key) {
      case "ArrowRight":
      case "PageDown":
        next();
        break;
      case "ArrowLeft":
      case "PageUp":
        previous();
        break;
      case " ":
        if (onControl) return;
        next();
        break;
      case "Home":
        show(0);
        break;
      case "End":
        show(order.length - 1);
        break;
      case "Escape":
        // In full screen the browser leaves full screen first.
        if (document.fullscreenElement) return;
        goBack();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  show(0, "", true);
})();
