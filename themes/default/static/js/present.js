// Present mode: the deck's cards one at a time, for a shared screen or a projector.
// Without this file the page lists every card. With it: → / Space / PageDown for the next card,
// ← / PageUp for the previous, Home and End, buttons to shuffle and to draw a card not yet
// shown, Escape back to the deck. On the deck builder's page the cards are those of the
// builder's link (the page's fragment, read by js/deck-link.js), or else the deck built last in
// this browser; nothing is sent anywhere.
(function () {
  "use strict";
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

  function ownCard(text, n) {
    const card = document.createElement("li");
    card.className = "present__card" + (text.length > 150 ? " present__card--long" : "");
    card.id = "kort-" + n;
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
    return card;
  }

  function showProblems(problems) {
    const notice = root.querySelector("[data-present-notice]");
    if (!notice || problems.length === 0) return;
    notice.textContent = problems.join(" ");
    notice.hidden = false;
  }

  /**
   * The deck of the builder's link (js/deck-link.js), or the one built last in this browser:
   * exactly its cards in its order, own statements set as text, never as markup.
   */
  function loadBuilderCards() {
    const Link = window.TriobogLink;
    if (!Link) return;
    let parsed = Link.parse(location.hash);
    const problems = parsed.problems;
    if (!parsed.hasDeck) parsed = Link.parse(Link.lastDeck());
    const state = parsed.state;
    const source = document.getElementById("present-source");
    const known = new Map();
    for (const item of source.content.querySelectorAll("[data-key]")) known.set(item.dataset.key, item);
    const decks = new Map();
    for (const item of source.content.querySelectorAll("[data-deck-title]")) decks.set(item.dataset.deckSlug, item.dataset.deckTitle);
    showProblems(problems.concat(Link.resolve(state, known, decks)));
    let n = 0;
    for (const item of state.items) {
      n += 1;
      if (item.own) {
        list.appendChild(ownCard(item.own, n));
        continue;
      }
      const card = known.get(item.key).cloneNode(true);
      card.id = "kort-" + n;
      card.setAttribute("data-card", "");
      list.appendChild(card);
    }
    if (state.color) {
      for (const c of Array.from(root.classList)) if (c.startsWith("deck--")) root.classList.remove(c);
      root.classList.add(state.color === "egne" ? "deck--egne" : "deck--" + state.color);
    }
    const name = root.querySelector("[data-present-name]");
    if (name && state.name) name.textContent = state.name;
    const empty = root.querySelector("[data-present-empty]");
    if (empty && n > 0) empty.hidden = true;
    // Back to the builder with the same deck.
    back.setAttribute("href", back.getAttribute("href").split("#")[0] + Link.format(state, { print: false }));
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
