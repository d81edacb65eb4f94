// The annual wheel's page: marks the current month, in the drawn wheel and in the month list.
// Only an addition: without it the wheel shows the whole year, every month alike.
(function () {
  "use strict";
  if (typeof document === "undefined") return;
  const month = new Date().getMonth() + 1;

  for (const wheel of document.querySelectorAll("svg[data-wheel]")) {
    const segment = wheel.querySelector(`g[data-month="${month}"]`);
    if (!segment) continue;
    segment.classList.add("wheel-svg__month--current");
    // Drawn last among the months, so that its outline lies on top of its neighbours'.
    const hub = wheel.querySelector(".wheel-svg__hub");
    if (hub) wheel.insertBefore(segment, hub);
  }

  const item = document.querySelector(`.wheel__month[data-month="${month}"]`);
  if (item) {
    item.classList.add("wheel__month--current");
    item.setAttribute("aria-current", "date");
    const name = item.querySelector(".wheel__name");
    if (name) {
      const badge = document.createElement("span");
      badge.className = "wheel__now";
      badge.textContent = "Denne måned";
      name.append(" ", badge);
    }
  }
})();
