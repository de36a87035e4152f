// Lists with a selection (the standards page's needs list): <input type="checkbox" data-select-all="name">
// ticks or clears every checkbox named `name` in its form; the count of ticked boxes is shown in
// [data-selected-count]. No inline script: the Content-Security-Policy refuses them.
(function () {
  "use strict";

  function refresh(form) {
    const master = form.querySelector("[data-select-all]");
    if (!master) return;
    const boxes = form.querySelectorAll('input[type="checkbox"][name="' + master.dataset.selectAll + '"]');
    const ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    master.checked = boxes.length > 0 && ticked === boxes.length;
    master.indeterminate = ticked > 0 && ticked < boxes.length;
    form.querySelectorAll("[data-selected-count]").forEach(function (el) { el.textContent = String(ticked); });
  }

  document.addEventListener("change", function (event) {
    const el = event.target;
    if (!el.form) return;
    if (el.matches("[data-select-all]")) {
      el.form.querySelectorAll('input[type="checkbox"][name="' + el.dataset.selectAll + '"]').forEach(function (b) {
        b.checked = el.checked;
      });
    }
    refresh(el.form);
  });
})();
