// canbo's small page behaviours, declared by data attributes instead of inline handlers so the
// Content-Security-Policy can refuse every inline script (see core.middleware). Listeners sit on
// the document, so content swapped in by htmx behaves like the first page.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing a value submits its form (year, kind, language pickers).
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (el.matches("[data-autosubmit]") && el.form) el.form.submit();
  });

  // <input type="checkbox" data-disables="id">: a ticked box disables the named field.
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (!el.matches("[data-disables]")) return;
    const target = document.getElementById(el.dataset.disables);
    if (target) target.disabled = el.checked;
    const picker = target && target.parentNode.querySelector("[data-vn-date-pick]");
    if (picker) picker.disabled = el.checked;
  });

  // <select data-fill-target="id" data-fill-from="key">: the chosen option's data-<key> fills the
  // named field (the people list: a level implies its ladder).
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (!el.matches("[data-fill-target]")) return;
    const option = el.selectedOptions[0];
    const value = option && option.dataset[el.dataset.fillFrom];
    const target = document.getElementById(el.dataset.fillTarget);
    if (value && target) target.value = value;
  });

  // The import preview's column mapping (<form data-mapping-form>): a select changed from what the
  // file was read with marks its row and holds back the confirm button until "Kiểm tra lại" has
  // read the file again with it (the server refuses such a confirmation too).
  document.addEventListener("change", function (event) {
    const el = event.target;
    const form = el.closest && el.closest("[data-mapping-form]");
    if (!form || el.tagName !== "SELECT") return;
    const row = el.closest("tr");
    if (row) row.classList.toggle("mapping-changed", el.value !== (el.dataset.initial || ""));
    const changed = Array.prototype.some.call(form.querySelectorAll("select[data-initial]"), function (s) {
      return s.value !== (s.dataset.initial || "");
    });
    form.querySelectorAll("[data-needs-recheck]").forEach(function (button) {
      button.disabled = changed;
    });
    form.querySelectorAll("[data-recheck-hint]").forEach(function (hint) {
      hint.hidden = !changed;
    });
  });

  // The unit tree's expand button (<button data-tree-toggle hx-get=…>): opening lets htmx load the
  // children; closing empties them and stops the click before htmx sees it (capture phase).
  document.addEventListener(
    "click",
    function (event) {
      const button = event.target.closest("[data-tree-toggle]");
      if (!button) return;
      const item = button.closest("li");
      const open = item.getAttribute("aria-expanded") === "true";
      item.setAttribute("aria-expanded", String(!open));
      const icon = button.querySelector("i");
      if (icon) icon.className = open ? "bi bi-caret-right-fill" : "bi bi-caret-down-fill";
      if (open) {
        item.querySelector(".children").replaceChildren();
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );

  // <div data-width="40">: a width in percent (progress bars), set through the DOM since a style
  // attribute in the markup is refused by the policy.
  function applyWidths(root) {
    const scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("[data-width]")) scope.style.width = scope.dataset.width + "%";
    scope.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = el.dataset.width + "%";
    });
  }
  // <input data-vn-date> (core.forms.VnDateInput): the box takes 07/12/2026 typed; a calendar
  // button beside it opens the browser's own date picker (a hidden <input type="date">) and writes
  // the chosen day back as dd/mm/yyyy, whatever the browser's language.
  function pad(n) {
    return String(n).padStart(2, "0");
  }
  function isoOf(text) {
    const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text || "");
    if (m) return m[3] + "-" + pad(m[2]) + "-" + pad(m[1]);
    return /^\d{4}-\d{2}-\d{2}$/.test(text || "") ? text : "";
  }
  function addDatePickers(root) {
    if (typeof HTMLInputElement.prototype.showPicker !== "function") return;
    const scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("input[data-vn-date]:not([data-vn-date-ready])").forEach(function (box) {
      box.setAttribute("data-vn-date-ready", "");
      const group = document.createElement("div");
      group.className = "input-group flex-nowrap" + (box.classList.contains("form-control-sm") ? " input-group-sm" : "");
      box.parentNode.insertBefore(group, box);
      group.appendChild(box);
      const native = document.createElement("input");
      native.type = "date";
      native.tabIndex = -1;
      native.className = "vn-date-native";
      native.setAttribute("aria-hidden", "true");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.disabled = box.disabled;
      button.setAttribute("data-vn-date-pick", "");
      button.setAttribute("aria-label", box.dataset.pickLabel || "Chọn ngày trên lịch");
      button.innerHTML = '<i class="bi bi-calendar3" aria-hidden="true"></i>';
      group.appendChild(native);
      group.appendChild(button);
      button.addEventListener("click", function () {
        native.value = isoOf(box.value);
        try {
          native.showPicker();
        } catch (error) {
          box.focus();
        }
      });
      native.addEventListener("change", function () {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(native.value);
        if (!m) return;
        box.value = m[3] + "/" + m[2] + "/" + m[1];
        box.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    applyWidths(document);
    addDatePickers(document);
  });
  document.addEventListener("htmx:load", function (event) {
    applyWidths(event.detail && event.detail.elt);
    addDatePickers(event.detail && event.detail.elt);
  });

  // <button data-check-all="FORM-ID">: tick every checkbox that belongs to that form (the rows
  // of a table whose checkboxes say form="FORM-ID"), e.g. every nominee waiting for approval.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-check-all]");
    if (!button) return;
    document.querySelectorAll('input[type="checkbox"][form="' + button.dataset.checkAll + '"]').forEach(function (box) {
      box.checked = true;
    });
  });

  // <button data-fill-selects="result-" data-value="passed">: set every select whose name starts
  // with the prefix to that value (the results form's "everyone passed"); the officer then corrects.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-fill-selects]");
    if (!button) return;
    const form = button.closest("form") || document;
    form.querySelectorAll('select[name^="' + button.dataset.fillSelects + '"]').forEach(function (select) {
      select.value = button.dataset.value;
    });
  });

  // <button data-print>: the paper preview's print button (the page's print style keeps the paper only).
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-print]");
    if (button) window.print();
  });
})();
