// triobog serve: waits for the next build and reloads the page; shows build errors over it.
// Served only by `triobog serve`, never written into the built site.
(function () {
  "use strict";
  let version = null;
  let overlay = null;

  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.id = "triobog-error";
      const s = overlay.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20, 24, 26, 0.97)"; s.color = "#fff"; s.padding = "2rem";
      s.font = "15px/1.5 ui-monospace, Consolas, monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    const h = document.createElement("h2");
    // The page `serve` answers with when nothing was built yet has no last good version.
    h.textContent = document.getElementById("triobog-nothing-built")
      ? "Håndbogen kunne ikke bygges"
      : "Bygningen fejlede – siden viser den sidste gode udgave";
    h.style.font = "bold 20px system-ui, sans-serif";
    h.style.color = "#ffb4a8";
    const pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.whiteSpace = "pre-wrap";
    const p = document.createElement("p");
    p.textContent = "Ret fejlen og gem filen igen – så forsvinder beskeden.";
    p.style.font = "16px system-ui, sans-serif";
    overlay.append(h, pre, p);
  }

  async function poll() {
    for (;;) {
      try {
        const url = "/__triobog/poll?v=" + (version === null ? 0 : version);
        const res = await fetch(url, { cache: "no-store" });
        const state = await res.json();
        if (version === null) {
          version = state.version;
          if (state.error) showError(state.error);
          continue;
        }
        if (state.version !== version) {
          version = state.version;
          if (state.error) {
            showError(state.error);
          } else {
            location.reload();
            return;
          }
        }
      } catch (e) {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
  poll();
})();
