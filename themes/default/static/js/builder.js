// The deck builder: pick cards from any deck, add statements of your own, and lay them out on
// the same card sheets as every deck (the patterns are in <template id="builder-template">).
// The choices are kept in this browser only (localStorage), never sent anywhere.
(function () {
  "use strict";
  const PER_SHEET = 9;
  const COLUMNS = 3;
  const LONG_STATEMENT = 150;
  const STORE = "triobog-kortbygger";

  const form = document.getElementById("builder");
  const output = document.getElementById("builder-sheets");
  const template = document.getElementById("builder-template");
  const status = document.getElementById("builder-status");
  if (!form || !output || !template) return;
  form.hidden = false;

  const patterns = template.content;
  const frontSheet = patterns.querySelector(".sheet--front");
  const backSheet = patterns.querySelector(".sheet--back");
  const statementCard = frontSheet.querySelector("[data-card]:not(.print-card--unfinished):not(.print-card--joker)");
  const unfinishedCard = frontSheet.querySelector(".print-card--unfinished");
  const jokerCard = frontSheet.querySelector(".print-card--joker");
  const backCard = backSheet.querySelector("[data-card]");

  function isUnfinished(text) {
    return /(…|\.\.\.)\s*$/.test(text);
  }

  function slotClass(position, mirrored) {
    const row = Math.floor(position / COLUMNS);
    const col = position % COLUMNS;
    return "slot-r" + row + "c" + (mirrored ? COLUMNS - 1 - col : col);
  }

  function setSlot(element, position, mirrored) {
    for (const c of Array.from(element.classList)) {
      if (c.startsWith("slot-")) element.classList.remove(c);
    }
    element.classList.add(slotClass(position, mirrored));
  }

  function setColor(element, colorClass) {
    for (const c of Array.from(element.classList)) {
      if (c.startsWith("deck--")) element.classList.remove(c);
    }
    element.classList.add(colorClass);
  }

  function fill(element, field, text) {
    for (const node of element.querySelectorAll('[data-field="' + field + '"]')) node.textContent = text;
  }

  /** The chosen statements, in the order of the page, then the user's own. */
  function chosenStatements() {
    const picked = Array.from(form.querySelectorAll('input[name="card"]:checked')).map((box) => {
      const label = form.querySelector('label[for="' + box.id + '"]');
      return label ? label.textContent.trim() : "";
    });
    const own = form.elements.own.value.split("\n").map((line) => line.trim()).filter(Boolean);
    return picked.concat(own).filter(Boolean);
  }

  function makeCard(text, number, name) {
    const card = (isUnfinished(text) ? unfinishedCard : statementCard).cloneNode(true);
    fill(card, "text", text);
    fill(card, "deck", name);
    card.querySelector(".print-card__number").textContent = String(number);
    card.dataset.cardId = "eget-" + number;
    card.classList.toggle("print-card--long", text.length > LONG_STATEMENT);
    return card;
  }

  function makeSheet(pattern, number, count, name, colorClass) {
    const sheet = pattern.cloneNode(true);
    for (const card of sheet.querySelectorAll("[data-card]")) card.remove();
    fill(sheet, "deck", name);
    fill(sheet, "sheet-number", String(number));
    fill(sheet, "sheet-count", String(count));
    const side = sheet.classList.contains("sheet--back") ? "bagside" : "forside";
    sheet.setAttribute("aria-label", name + ", ark " + number + " af " + count + ", " + side);
    setColor(sheet, colorClass);
    return sheet;
  }

  function build() {
    const name = form.elements.name.value.trim() || "Vores udsagnskort";
    const colorClass = (form.querySelector('input[name="color"]:checked') || {}).value || "deck--egne";
    const jokers = Math.max(0, Math.min(27, parseInt(form.elements.jokers.value, 10) || 0));
    const statements = chosenStatements();
    const total = statements.length + jokers;
    output.textContent = "";
    if (total === 0) {
      status.textContent = "Vælg mindst ét kort, skriv et udsagn, eller tilføj jokere.";
      return;
    }
    const count = Math.ceil(total / PER_SHEET);
    for (let s = 0; s < count; s++) {
      const front = makeSheet(frontSheet, s + 1, count, name, colorClass);
      const back = makeSheet(backSheet, s + 1, count, name, colorClass);
      for (let pos = 0; pos < PER_SHEET; pos++) {
        const index = s * PER_SHEET + pos;
        if (index >= total) break;
        const card = index < statements.length ? makeCard(statements[index], index + 1, name) : jokerCard.cloneNode(true);
        fill(card, "deck", name);
        setSlot(card, pos, false);
        front.appendChild(card);
        const backside = backCard.cloneNode(true);
        fill(backside, "theme", name);
        setSlot(backside, pos, true);
        back.appendChild(backside);
      }
      output.appendChild(front);
      output.appendChild(back);
    }
    const tooLong = statements.filter((t) => t.length > 200).length;
    status.textContent = statements.length + " kort og " + jokers + " jokere på " + count + " ark (" + count * 2 + " sider med bagsider). Tryk Print øverst på siden." +
      (tooLong ? " Obs: " + tooLong + " udsagn er meget lange og kan blive skåret af på kortet." : "");
  }

  function save() {
    try {
      const state = {
        name: form.elements.name.value,
        color: (form.querySelector('input[name="color"]:checked') || {}).value,
        jokers: form.elements.jokers.value,
        own: form.elements.own.value,
        cards: Array.from(form.querySelectorAll('input[name="card"]:checked')).map((b) => b.value),
      };
      localStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      // Storage may be off (private windows, file://); the builder works without it.
    }
  }

  function restore() {
    let state = null;
    try {
      state = JSON.parse(localStorage.getItem(STORE) || "null");
    } catch (e) {
      state = null;
    }
    if (!state) return;
    if (typeof state.name === "string") form.elements.name.value = state.name;
    if (typeof state.jokers === "string") form.elements.jokers.value = state.jokers;
    if (typeof state.own === "string") form.elements.own.value = state.own;
    for (const radio of form.querySelectorAll('input[name="color"]')) radio.checked = radio.value === state.color;
    if (!form.querySelector('input[name="color"]:checked')) form.querySelector('input[name="color"]').checked = true;
    const chosen = new Set(Array.isArray(state.cards) ? state.cards : []);
    for (const box of form.querySelectorAll('input[name="card"]')) box.checked = chosen.has(box.value);
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-select-deck], button[data-clear-deck]");
    if (!button) return;
    const slug = button.dataset.selectDeck || button.dataset.clearDeck;
    const on = Boolean(button.dataset.selectDeck);
    for (const box of form.querySelectorAll('input[name="card"][data-deck="' + slug + '"]')) box.checked = on;
    save();
  });
  form.addEventListener("change", save);
  form.addEventListener("input", save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    build();
    save();
  });
  restore();
})();
