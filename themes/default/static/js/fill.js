// Fill in a question set together: a field under every question, kept only in this browser
// (localStorage, one entry per page), never sent anywhere. The answers print under their
// questions with the date, and download as a text file for the minutes.
(function () {
  "use strict";
  const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

  const root = document.querySelector("[data-fill-root]");
  const body = document.querySelector(".question-body");
  if (!root || !body) return;
  const questions = Array.from(body.querySelectorAll("li[id]"));
  if (questions.length === 0) return;

  const STORE = "triobog-svar:" + root.dataset.fillKey;
  const toggle = root.querySelector("[data-fill]");
  const panel = root.querySelector("[data-fill-panel]");
  const status = root.querySelector("[data-fill-status]");
  const download = root.querySelector("[data-fill-download]");
  const clear = root.querySelector("[data-fill-clear]");
  const confirmBox = root.querySelector("[data-fill-confirm]");

  let state = load();
  let blobUrl = null;

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) || "null");
      if (saved && typeof saved === "object" && saved.answers && typeof saved.answers === "object") return saved;
    } catch (e) {
      // Unreadable or no storage: start empty.
    }
    return { on: false, saved: null, answers: {} };
  }

  function store() {
    try {
      localStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      status.textContent = "Browseren kan ikke gemme svarene her. Hent dem som tekstfil, før I lukker siden.";
    }
  }

  /** Today as yyyy-mm-dd in local time. */
  function today() {
    const d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /** "2025-11-23" as "23. november 2025". */
  function danishDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return danishDate(today());
    return Number(m[3]) + ". " + MONTHS[Number(m[2]) - 1] + " " + m[1];
  }

  function textOf(element) {
    const copy = element.cloneNode(true);
    for (const hidden of copy.querySelectorAll(".heading-anchor, textarea, .fill__printed-answer")) hidden.remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // Each question gets its text wrapped (so a field can be labelled by it), a field, and a copy
  // of the answer that only paper shows (a printed textarea cuts long answers off).
  const fields = questions.map((item, n) => {
    const label = document.createElement("div");
    label.className = "fill__question";
    label.id = item.id + "-spoergsmaal";
    while (item.firstChild) label.appendChild(item.firstChild);
    item.appendChild(label);
    const area = document.createElement("textarea");
    area.className = "fill__answer";
    area.rows = 3;
    area.hidden = true;
    area.setAttribute("aria-labelledby", label.id);
    area.value = typeof state.answers[item.id] === "string" ? state.answers[item.id] : "";
    item.appendChild(area);
    const printed = document.createElement("p");
    printed.className = "fill__printed-answer";
    item.appendChild(printed);
    return { id: item.id, number: n + 1, label, area, printed };
  });

  const dateLine = document.createElement("p");
  dateLine.className = "fill__date";
  body.insertBefore(dateLine, body.firstChild);

  function answeredCount() {
    return fields.filter((f) => f.area.value.trim()).length;
  }

  /** The answers as plain text, question by question, with the page's headings. */
  function asText() {
    const lines = [root.dataset.fillTitle, "Svar skrevet den " + danishDate(state.saved) + " · " + root.dataset.fillSite, "Spørgsmålene: " + root.dataset.fillUrl, ""];
    for (const element of body.querySelectorAll("h2, h3, h4, li[id]")) {
      if (element.localName !== "li") {
        lines.push("== " + textOf(element) + " ==", "");
        continue;
      }
      const field = fields.find((f) => f.id === element.id);
      if (!field) continue;
      lines.push(field.number + ". " + textOf(field.label), field.area.value.trim() || "(ikke besvaret)", "");
    }
    return lines.join("\n");
  }

  function refresh() {
    for (const f of fields) f.printed.textContent = f.area.value.trim() || "(ikke besvaret)";
    dateLine.textContent = "Jeres svar, skrevet den " + danishDate(state.saved) + ".";
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    // A byte order mark, so that older Windows programs read æ, ø and å right.
    blobUrl = URL.createObjectURL(new Blob(["\ufeff" + asText()], { type: "text/plain;charset=utf-8" }));
    download.href = blobUrl;
    download.download = root.dataset.fillFile + "-svar-" + (state.saved || today()) + ".txt";
  }

  function setMode(on, save) {
    state.on = on;
    toggle.setAttribute("aria-pressed", String(on));
    panel.hidden = !on;
    for (const f of fields) f.area.hidden = !on;
    document.body.classList.toggle("fill-on", on);
    if (!on) hideConfirm(false);
    if (save) store();
  }

  function hideConfirm(focusClear) {
    confirmBox.hidden = true;
    if (focusClear) clear.focus();
  }

  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const on = toggle.getAttribute("aria-pressed") !== "true";
    setMode(on, true);
    if (on) fields[0].area.focus();
  });

  body.addEventListener("input", (event) => {
    const field = fields.find((f) => f.area === event.target);
    if (!field) return;
    if (field.area.value) state.answers[field.id] = field.area.value;
    else delete state.answers[field.id];
    state.saved = today();
    store();
    refresh();
  });

  root.querySelector("[data-fill-print]").addEventListener("click", () => window.print());

  clear.addEventListener("click", () => {
    confirmBox.hidden = false;
    root.querySelector("[data-fill-clear-no]").focus();
  });
  root.querySelector("[data-fill-clear-no]").addEventListener("click", () => hideConfirm(true));
  root.querySelector("[data-fill-clear-yes]").addEventListener("click", () => {
    for (const f of fields) f.area.value = "";
    state = { on: true, saved: null, answers: {} };
    store();
    refresh();
    hideConfirm(true);
    status.textContent = "Svarene er slettet.";
  });
  confirmBox.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideConfirm(true);
  });

  refresh();
  setMode(Boolean(state.on) || answeredCount() > 0, false);
})();
