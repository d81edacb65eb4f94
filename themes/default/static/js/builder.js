// The deck builder, as the guide's perspective conversations use it: the TRIO picks the cards
// that matter, puts the most relevant on top, writes its own statements on jokers and prints
// exactly that deck, in that order, on the same card sheets as every deck (the patterns are in
// <template id="builder-template">). The whole deck and how it is printed live in the page's
// address (js/deck-link.js), so a copied link opens the same deck elsewhere; this browser also
// remembers the last one. Nothing is sent anywhere. Own statements are only ever set as text.
(function () {
  "use strict";
  const Link = window.TriobogLink;
  const Sheets = window.TriobogSheets;
  const LONG_STATEMENT = 150;
  const DEFAULT_NAME = "Vores udsagnskort";

  const form = document.getElementById("builder");
  const output = document.querySelector("[data-builder-sheets]");
  const template = document.getElementById("builder-template");
  if (!form || !output || !template || !Link || !Sheets) return;
  form.hidden = false;

  const status = document.getElementById("builder-status");
  const notice = document.querySelector("[data-link-notice]");
  const orderList = form.querySelector("[data-order]");
  const orderEmpty = form.querySelector("[data-order-empty]");
  const ownField = document.getElementById("builder-own");
  const linkField = document.getElementById("builder-link");
  const present = form.querySelector("a[data-present]");
  const presentBase = present.getAttribute("href");
  const fromNote = form.querySelector("[data-from]");

  const patterns = Sheets.patternsFrom(template.content);
  const sample = template.content.querySelector(".sheet--front");
  const statementCard = sample.querySelector("[data-card]:not(.print-card--unfinished):not(.print-card--joker)");
  const unfinishedCard = sample.querySelector(".print-card--unfinished");
  const jokerCard = sample.querySelector(".print-card--joker");

  /** Every card the builder offers, by "deck/card": its text, deck and checkbox. */
  const cards = new Map();
  for (const box of form.querySelectorAll('input[name="card"]')) {
    const label = form.querySelector('label[for="' + box.id + '"]');
    cards.set(box.value, { text: label ? label.textContent.trim() : "", deck: box.dataset.deck, box });
  }
  /** Every deck, by slug: its title. */
  const decks = new Map();
  for (const set of form.querySelectorAll("[data-deck-set]")) decks.set(set.dataset.deckSet, set.dataset.deckTitle);

  let state = Link.emptyState();

  function say(text) {
    status.textContent = text;
  }

  function isUnfinished(text) {
    return /(…|\.\.\.)\s*$/.test(text);
  }

  function itemText(item) {
    return item.own || (cards.get(item.key) || {}).text || "";
  }

  function colorClass() {
    return state.color && state.color !== "egne" ? "deck--" + state.color : "deck--egne";
  }

  // ---------- Starting: the link, else the deck this browser remembers ----------

  function start() {
    const fromLink = Link.parse(location.hash);
    let problems = fromLink.problems;
    let parsed = fromLink;
    if (!fromLink.hasDeck) {
      // A link from a deck page (#v1;d=…) or no link: go on with the deck built here before.
      const remembered = Link.parse(Link.lastDeck());
      parsed = remembered;
      problems = fromLink.problems;
      if (fromLink.hasFrom) remembered.state.from = fromLink.state.from;
      else remembered.state.from = "";
    }
    state = parsed.state;
    state.print = fromLink.hasPrint ? fromLink.state.print : Sheets.startingPrint(parsed);
    problems = problems.concat(Link.resolve(state, cards, decks));
    if (problems.length) showNotice(problems);
  }

  function showNotice(problems) {
    notice.textContent = "";
    const heading = document.createElement("p");
    heading.className = "builder__notice-title";
    heading.textContent = "Linket er åbnet med det, der findes i denne udgave af håndbogen:";
    const list = document.createElement("ul");
    for (const problem of problems) {
      const li = document.createElement("li");
      li.textContent = problem;
      list.appendChild(li);
    }
    notice.append(heading, list);
    notice.hidden = false;
  }

  // ---------- The form shows the state ----------

  function showFields() {
    form.elements.name.value = state.name || DEFAULT_NAME;
    form.elements.jokers.value = String(state.jokers);
    const color = state.color || "egne";
    for (const radio of form.querySelectorAll('input[name="color"]')) radio.checked = radio.value === color;
    const picked = new Set(state.items.filter((i) => i.key).map((i) => i.key));
    for (const [key, card] of cards) card.box.checked = picked.has(key);
    showFrom();
  }

  function showFrom() {
    for (const set of form.querySelectorAll("[data-deck-set]")) set.hidden = Boolean(state.from) && set.dataset.deckSet !== state.from;
    fromNote.hidden = !state.from;
    if (state.from) fromNote.querySelector("[data-from-name]").textContent = decks.get(state.from);
  }

  function moveButton(action, text, index, describedBy) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "builder__move";
    button.dataset.move = action;
    button.dataset.index = String(index);
    button.textContent = text;
    button.setAttribute("aria-describedby", describedBy);
    return button;
  }

  function showOrder() {
    orderList.textContent = "";
    state.items.forEach((item, index) => {
      const li = document.createElement("li");
      li.className = "builder__item" + (item.own ? " builder__item--own" : "");
      li.dataset.index = String(index);
      const textId = "builder-item-" + index;
      const text = document.createElement("span");
      text.className = "builder__item-text";
      text.id = textId;
      text.textContent = itemText(item);
      const source = document.createElement("span");
      source.className = "builder__item-source";
      source.textContent = item.own ? "Eget udsagn" : decks.get(cards.get(item.key).deck);
      const moves = document.createElement("span");
      moves.className = "builder__moves";
      moves.append(
        moveButton("top", "Øverst", index, textId),
        moveButton("up", "Op", index, textId),
        moveButton("down", "Ned", index, textId),
        moveButton("remove", "Fjern", index, textId),
      );
      li.append(text, source, moves);
      orderList.appendChild(li);
    });
    orderEmpty.hidden = state.items.length > 0;
  }

  // ---------- The printed deck ----------

  function makeCard(item, number, name) {
    const text = itemText(item);
    const card = (isUnfinished(text) ? unfinishedCard : statementCard).cloneNode(true);
    for (const node of card.querySelectorAll('[data-field="text"]')) node.textContent = text;
    for (const node of card.querySelectorAll('[data-field="deck"]')) node.textContent = name;
    card.querySelector(".print-card__number").textContent = String(number);
    card.dataset.cardId = item.own ? "eget-" + number : item.key;
    card.classList.toggle("print-card--long", text.length > LONG_STATEMENT);
    card.classList.toggle("print-card--own", Boolean(item.own));
    return card;
  }

  function showSheets() {
    const name = state.name || DEFAULT_NAME;
    const fronts = state.items.map((item, i) => makeCard(item, i + 1, name));
    for (let j = 0; j < state.jokers; j++) {
      const joker = jokerCard.cloneNode(true);
      for (const node of joker.querySelectorAll('[data-field="deck"]')) node.textContent = name;
      fronts.push(joker);
    }
    const count = Sheets.layOut(output, fronts, { print: state.print, name, theme: name, colorClass: colorClass(), patterns });
    Sheets.describe(state.print);
    return count;
  }

  // ---------- Keeping it: the address, the link, this browser ----------

  function keep() {
    const fragment = Link.format(state);
    history.replaceState(null, "", location.pathname + location.search + fragment);
    linkField.value = location.href;
    present.setAttribute("href", presentBase + Link.format(state, { print: false }));
    Link.rememberDeck(Link.format(state, { print: false }));
  }

  function update(message) {
    showOrder();
    const count = showSheets();
    keep();
    if (message !== undefined) say(message);
    else if (state.items.length + state.jokers === 0) say("Vælg mindst ét kort, skriv et udsagn, eller tilføj blanke jokere.");
    else say(summary(count));
  }

  function summary(count) {
    const fold = state.print.layout === "fold";
    const pages = fold ? count + " foldeark" : count + " ark (" + count * 2 + " sider med bagsider)";
    const long = state.items.filter((i) => itemText(i).length > 200).length;
    return state.items.length + " kort og " + state.jokers + " blanke jokere på " + pages + "." +
      (long ? " Obs: " + long + " udsagn er meget lange og kan blive skåret af på kortet." : "");
  }

  // ---------- Changes ----------

  function pick(key, on) {
    const at = state.items.findIndex((i) => i.key === key);
    if (on && at < 0) state.items.push({ key });
    if (!on && at >= 0) state.items.splice(at, 1);
  }

  function move(index, action) {
    const items = state.items;
    const item = items[index];
    if (!item) return { index, message: "" };
    const text = itemText(item);
    if (action === "remove") {
      items.splice(index, 1);
      if (item.key) cards.get(item.key).box.checked = false;
      return { index: Math.min(index, items.length - 1), message: "»" + text + "« er taget ud af bunken." };
    }
    const to = action === "top" ? 0 : action === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= items.length || to === index) {
      const where = to >= items.length ? "nederst" : "øverst";
      return { index, message: "»" + text + "« ligger allerede " + where + "." };
    }
    items.splice(index, 1);
    items.splice(to, 0, item);
    return { index: to, message: "»" + text + "« er nu nummer " + (to + 1) + " af " + items.length + "." };
  }

  function moveAndFocus(index, action) {
    const result = move(index, action);
    update(result.message);
    const keepOn = action === "remove" ? "remove" : action;
    const target = orderList.querySelector('[data-index="' + result.index + '"] [data-move="' + keepOn + '"]');
    if (target) target.focus();
    else document.getElementById("builder-order-title").scrollIntoView({ block: "nearest" });
  }

  orderList.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-move]");
    if (button) moveAndFocus(Number(button.dataset.index), button.dataset.move);
  });

  orderList.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const item = event.target.closest("[data-index]");
    const action = { ArrowUp: "up", ArrowDown: "down", Home: "top" }[event.key];
    if (!item || !action) return;
    event.preventDefault();
    moveAndFocus(Number(item.dataset.index), action);
  });

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-select-deck], button[data-clear-deck], button[data-show-all], button[data-add-own], button[data-copy-link]");
    if (!button) return;
    if (button.hasAttribute("data-show-all")) {
      state.from = "";
      showFrom();
      update("Kort fra alle bunker vises.");
    } else if (button.hasAttribute("data-add-own")) {
      addOwn();
    } else if (button.hasAttribute("data-copy-link")) {
      copyLink();
    } else {
      const slug = button.dataset.selectDeck || button.dataset.clearDeck;
      const on = Boolean(button.dataset.selectDeck);
      for (const [key, card] of cards) {
        if (card.deck !== slug) continue;
        card.box.checked = on;
        pick(key, on);
      }
      update();
    }
  });

  function addOwn() {
    const text = ownField.value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, Link.MAX_STATEMENT);
    if (!text) {
      say("Skriv udsagnet i feltet først.");
      ownField.focus();
      return;
    }
    state.items.push({ own: text });
    ownField.value = "";
    update("»" + text + "« er lagt i bunken som nummer " + state.items.length + ".");
    ownField.focus();
  }

  ownField.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    addOwn();
  });

  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.closest("[data-sheet-options]") || target === ownField) return;
    if (target.name === "card") {
      pick(target.value, target.checked);
      const at = state.items.findIndex((i) => i.key === target.value);
      update(target.checked ? "Lagt i bunken som nummer " + (at + 1) + "." : "Taget ud af bunken.");
    } else if (target.name === "color") {
      state.color = target.value;
      update();
    } else if (target.name === "jokers") {
      const n = parseInt(target.value, 10);
      state.jokers = Math.max(0, Math.min(Link.MAX_JOKERS, Number.isFinite(n) ? n : 0));
      target.value = String(state.jokers);
      update();
    }
  });

  form.elements.name.addEventListener("input", () => {
    const name = form.elements.name.value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, Link.MAX_NAME);
    state.name = name === DEFAULT_NAME ? "" : name;
    update();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.print();
  });

  async function copyLink() {
    const text = linkField.value;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        say("Linket er kopieret. Sæt det ind i en mail til de andre i TRIO'en.");
        return;
      }
    } catch (e) {
      // No access to the clipboard: fall back on selecting the link.
    }
    linkField.focus();
    linkField.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    say(copied ? "Linket er kopieret. Sæt det ind i en mail til de andre i TRIO'en." : "Linket er markeret. Kopiér det med Ctrl+C (Cmd+C på en Mac).");
  }

  start();
  showFields();
  Sheets.bindOptions(form.querySelector("[data-sheet-options]"), state.print, () => update());
  update("");
})();
