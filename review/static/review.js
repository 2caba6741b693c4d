// ip-digitizer review: keyboard-driven field review. Plain script, no build step, no network
// beyond this server. Every string from a record is written with textContent, never as HTML.
(function () {
  "use strict";

  function isTyping(event) {
    const el = event.target;
    return el instanceof HTMLElement &&
      (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
       el.isContentEditable);
  }

  function plainKey(event) {
    return !(event.ctrlKey || event.metaKey || event.altKey);
  }

  // -- queue page ------------------------------------------------------------------------

  function initQueue() {
    const rows = Array.from(document.querySelectorAll("tr.doc-row"));
    let current = -1;
    function select(i) {
      if (!rows.length) return;
      current = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((row, j) => row.classList.toggle("current", j === current));
      rows[current].scrollIntoView({ block: "nearest" });
    }
    rows.forEach((row, i) => {
      row.addEventListener("click", (event) => {
        if (event.target instanceof HTMLAnchorElement) return;
        select(i);
        window.location.assign(row.dataset.href);
      });
    });
    document.addEventListener("keydown", (event) => {
      if (isTyping(event) || !plainKey(event)) return;
      if (event.key === "j" || event.key === "ArrowDown") select(current + 1);
      else if (event.key === "k" || event.key === "ArrowUp") select(current - 1);
      else if (event.key === "Enter" && current >= 0) window.location.assign(rows[current].dataset.href);
      else if (event.key === "n") {
        const first = document.querySelector("#pending tr.doc-row");
        if (first) window.location.assign(first.dataset.href);
      } else return;
      event.preventDefault();
    });
  }

  // -- record page -----------------------------------------------------------------------

  function initRecord() {
    const doc = JSON.parse(document.getElementById("doc-data").textContent);
    const main = document.getElementById("review");
    const list = document.getElementById("fields");
    const img = document.getElementById("page-image");
    const boxes = document.getElementById("boxes");
    const scroller = document.getElementById("viewer-scroll");
    const banner = document.getElementById("banner");
    const reviewerInput = document.getElementById("reviewer");
    const addForm = document.getElementById("add-form");
    const unreadableForm = document.getElementById("unreadable-form");
    const submitUrl = "/api/records/" + doc.sha256 + "/reviews";
    const nextUrl = "/records/" + doc.sha256 + "/next";
    let rows = Array.from(list.querySelectorAll("li.field"));
    let current = 0;
    let page = 0;
    let editing = null; // {row, textarea, action}
    let busy = false;

    // Reviewer name: remembered in this browser.
    const remembered = window.localStorage.getItem("ipd-review-reviewer");
    if (remembered) reviewerInput.value = remembered;
    reviewerInput.addEventListener("change", () => {
      const name = reviewerInput.value.trim();
      if (name) window.localStorage.setItem("ipd-review-reviewer", name);
      else window.localStorage.removeItem("ipd-review-reviewer");
    });
    reviewerInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === "Escape") {
        event.preventDefault();
        reviewerInput.blur();
      }
    });

    function fieldOf(row) {
      return doc.fields.find((f) => f.name === row.dataset.name);
    }

    // ---- page image and boxes

    function showPage(index) {
      if (index < 0 || index >= doc.pages.length || index === page && img.dataset.loaded) {
        drawBoxes();
        return;
      }
      page = index;
      img.dataset.loaded = "";
      img.src = "/records/" + doc.sha256 + "/pages/" + (index + 1) + ".png";
      img.alt = "Page " + (index + 1) + " of " + doc.source_name;
      document.getElementById("page-number").textContent = String(index + 1);
      boxes.replaceChildren();
    }

    function drawBoxes() {
      boxes.replaceChildren();
      const size = doc.pages[page];
      if (!size || !size.width || !size.height || !img.clientWidth) return;
      const sx = img.clientWidth / size.width;
      const sy = img.clientHeight / size.height;
      const selected = rows[current] ? rows[current].dataset.name : null;
      let currentBox = null;
      for (const field of doc.fields) {
        if (field.page !== page || !field.bbox) continue;
        const [x0, y0, x1, y1] = field.bbox;
        const box = document.createElement("div");
        box.className = "box";
        if (field.low) box.classList.add("low");
        if (field.source === "reviewed") box.classList.add("reviewed");
        if (field.name === selected) {
          box.classList.add("current");
          currentBox = box;
        }
        box.dataset.field = field.name;
        box.title = field.label;
        box.style.left = x0 * sx + "px";
        box.style.top = y0 * sy + "px";
        box.style.width = Math.max(2, (x1 - x0) * sx) + "px";
        box.style.height = Math.max(2, (y1 - y0) * sy) + "px";
        box.addEventListener("click", () => {
          const i = rows.findIndex((r) => r.dataset.name === field.name);
          if (i >= 0) select(i);
        });
        boxes.appendChild(box);
      }
      if (currentBox) {
        const label = document.createElement("span");
        label.className = "box-label";
        label.textContent = currentBox.title;
        currentBox.appendChild(label);
        scrollBoxIntoView(currentBox);
      }
    }

    function scrollBoxIntoView(box) {
      const view = scroller.getBoundingClientRect();
      const rect = box.getBoundingClientRect();
      if (rect.top < view.top + 24 || rect.bottom > view.bottom - 24) {
        scroller.scrollTop += rect.top - view.top - view.height / 3;
      }
    }

    img.addEventListener("load", () => {
      img.dataset.loaded = "1";
      drawBoxes();
    });
    img.addEventListener("error", () => {
      img.dataset.loaded = "";
      showBanner("error", "The page image could not be shown (is the searchable PDF in the store?).");
    });
    window.addEventListener("resize", drawBoxes);
    if (img.complete && img.naturalWidth) {
      img.dataset.loaded = "1";
    }

    // ---- selection

    function select(i, options) {
      if (!rows.length) return;
      current = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((row, j) => {
        row.classList.toggle("current", j === current);
        row.setAttribute("aria-current", j === current ? "true" : "false");
      });
      const row = rows[current];
      if (!(options && options.noFocus)) row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
      const field = fieldOf(row);
      if (field && field.page !== null && field.page !== page) showPage(field.page);
      else drawBoxes();
    }

    // ---- banner

    function showBanner(kind, text, reload) {
      banner.className = "banner " + kind;
      banner.querySelector(".banner-text").textContent = text;
      banner.querySelector(".banner-action").hidden = !reload;
      banner.hidden = false;
    }

    function hideBanner() {
      banner.hidden = true;
    }

    banner.querySelector(".banner-action").addEventListener("click", () => reloadAt());

    function reloadAt(name) {
      const focus = name || (rows[current] ? rows[current].dataset.name : "");
      window.location.hash = focus ? "field=" + encodeURIComponent(focus) : "";
      window.location.reload();
    }

    // ---- saving

    async function submit(changes) {
      if (busy) return null;
      busy = true;
      main.classList.add("busy");
      const reviewer = reviewerInput.value.trim() || reviewerInput.dataset.default;
      try {
        const response = await fetch(submitUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify({ base_version: doc.version, reviewer: reviewer, changes: changes }),
        });
        let payload = {};
        try {
          payload = await response.json();
        } catch (e) {
          payload = {};
        }
        if (response.ok) {
          hideBanner();
          return payload.document;
        }
        if (response.status === 409) {
          const who = payload.latest_by ? payload.latest_by + (payload.latest_at ? " at " + payload.latest_at : "") : "another reviewer";
          showBanner("conflict", "Not saved: someone else (" + who + ") saved this document first. " +
            "Reload to see their changes, then try again.", true);
        } else if (response.status === 401) {
          showBanner("error", "Not saved: this server needs an access token. Open the link printed by digitize review.", true);
        } else {
          showBanner("error", "Not saved: " + (payload.message || response.statusText || "error " + response.status));
        }
        return null;
      } catch (e) {
        showBanner("error", "Not saved: the review server could not be reached.");
        return null;
      } finally {
        busy = false;
        main.classList.remove("busy");
      }
    }

    function applyDocument(updated, focusName) {
      const before = doc.fields.map((f) => f.name).join("\n");
      const after = updated.fields.map((f) => f.name).join("\n");
      if (before !== after) {
        reloadAt(focusName);
        return;
      }
      doc.version = updated.version;
      doc.status = updated.status;
      doc.fields = updated.fields;
      main.dataset.version = String(updated.version);
      const badge = document.getElementById("status-badge");
      badge.className = "badge status-" + updated.status;
      badge.textContent = updated.status_label;
      for (const row of rows) {
        const field = fieldOf(row);
        if (field) renderRow(row, field);
      }
      drawBoxes();
    }

    function renderRow(row, field) {
      row.className = "field source-" + field.source + (field.low ? " low" : "") +
        (rows[current] === row ? " current" : "");
      row.querySelector(".field-value").textContent = field.display;
      row.querySelector(".field-state").textContent = field.state;
      row.querySelector(".field-raw").textContent = field.raw && field.raw !== field.display ? field.raw : "";
      const conf = row.querySelector(".conf");
      conf.hidden = field.percent === null;
      const meter = conf.querySelector("meter");
      if (meter && field.confidence !== null) meter.value = field.confidence;
      const text = conf.querySelector(".conf-text");
      if (text && field.percent !== null) text.textContent = field.percent + "%";
    }

    // ---- field editor

    function openEditor() {
      const row = rows[current];
      if (!row || editing || busy) return;
      const field = fieldOf(row);
      const textarea = document.createElement("textarea");
      textarea.className = "editor";
      textarea.value = field.edit;
      textarea.spellcheck = false;
      textarea.rows = Math.min(8, Math.max(1, field.edit.split("\n").length, Math.ceil(field.edit.length / 60)));
      textarea.setAttribute("aria-label", "New value of " + field.label);
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = field.kind === "lines" ? "One entry per line. Enter saves · Shift+Enter new line · Esc cancels"
        : field.kind === "json" ? "JSON. Enter saves · Shift+Enter new line · Esc cancels"
        : field.name.endsWith("_date") ? "YYYY-MM-DD. Enter saves · Esc cancels"
        : "Enter saves · Shift+Enter new line · Esc cancels";
      const box = document.createElement("div");
      box.className = "field-editor";
      box.append(textarea, hint);
      row.appendChild(box);
      row.classList.add("editing");
      editing = { row: row, box: box, textarea: textarea, action: field.missing ? "add" : "correct" };
      textarea.addEventListener("keydown", onEditorKey);
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    }

    function closeEditor() {
      if (!editing) return;
      editing.row.classList.remove("editing");
      editing.box.remove();
      const row = editing.row;
      editing = null;
      row.focus({ preventScroll: true });
    }

    async function onEditorKey(event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeEditor();
      } else if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        const { row, textarea, action } = editing;
        const name = row.dataset.name;
        const updated = await submit([{ action: action, field: name, text: textarea.value }]);
        if (!updated) return;
        closeEditor();
        const index = rows.indexOf(row);
        applyDocument(updated, rows[index + 1] ? rows[index + 1].dataset.name : name);
        select(index + 1);
      }
    }

    // ---- actions

    async function confirmField() {
      const row = rows[current];
      if (!row) return;
      const field = fieldOf(row);
      if (field.missing) {
        showBanner("info", field.label + " is missing: press Enter to add it.");
        return;
      }
      const updated = await submit([{ action: "confirm", field: field.name }]);
      if (!updated) return;
      applyDocument(updated, rows[current + 1] ? rows[current + 1].dataset.name : field.name);
      select(current + 1);
    }

    async function removeField() {
      const row = rows[current];
      if (!row) return;
      const field = fieldOf(row);
      if (field.missing) return;
      const neighbour = rows[current + 1] || rows[current - 1];
      const updated = await submit([{ action: "remove", field: field.name }]);
      if (updated) applyDocument(updated, neighbour ? neighbour.dataset.name : "");
    }

    async function approve() {
      const updated = await submit([{ action: "approve" }]);
      if (!updated) return;
      applyDocument(updated);
      showBanner("success", "Approved. Press n for the next document.");
    }

    function openForm(form, focus) {
      if (editing || busy) return;
      addForm.hidden = true;
      unreadableForm.hidden = true;
      form.hidden = false;
      form.scrollIntoView({ block: "nearest" });
      focus.focus();
    }

    function closeForm(form) {
      form.hidden = true;
      if (rows[current]) rows[current].focus({ preventScroll: true });
    }

    const addName = document.getElementById("add-name");
    const addValue = document.getElementById("add-value");
    addForm.addEventListener("submit", (event) => event.preventDefault());
    addName.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        addValue.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        closeForm(addForm);
      }
    });
    addValue.addEventListener("keydown", async (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        closeForm(addForm);
      } else if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        const name = addName.value;
        const updated = await submit([{ action: "add", field: name, text: addValue.value }]);
        if (updated) applyDocument(updated, name);
      }
    });

    const note = document.getElementById("unreadable-note");
    unreadableForm.addEventListener("submit", (event) => event.preventDefault());
    note.addEventListener("keydown", async (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        closeForm(unreadableForm);
      } else if (event.key === "Enter") {
        event.preventDefault();
        const updated = await submit([{ action: "unreadable", note: note.value }]);
        if (!updated) return;
        closeForm(unreadableForm);
        applyDocument(updated);
        showBanner("success", "Marked unreadable. Press n for the next document.");
      }
    });

    function openAdd() {
      const row = rows[current];
      const here = row ? fieldOf(row) : null;
      const missing = here && here.missing ? here : doc.fields.find((f) => f.missing);
      if (missing) addName.value = missing.name;
      openForm(addForm, addName);
    }

    function nextDocument() {
      window.location.assign(nextUrl);
    }

    document.getElementById("do-edit").addEventListener("click", openEditor);
    document.getElementById("do-confirm").addEventListener("click", confirmField);
    document.getElementById("do-add").addEventListener("click", openAdd);
    document.getElementById("do-remove").addEventListener("click", removeField);
    document.getElementById("do-unreadable").addEventListener("click", () => openForm(unreadableForm, note));
    document.getElementById("do-approve").addEventListener("click", approve);
    document.getElementById("page-prev").addEventListener("click", () => showPage(page - 1));
    document.getElementById("page-next").addEventListener("click", () => showPage(page + 1));
    rows.forEach((row, i) => {
      row.addEventListener("click", () => select(i, { noFocus: false }));
      row.addEventListener("dblclick", () => {
        select(i);
        openEditor();
      });
    });

    document.addEventListener("keydown", (event) => {
      if (editing || isTyping(event) || !plainKey(event)) return;
      switch (event.key) {
        case "j":
        case "ArrowDown":
          select(current + 1);
          break;
        case "k":
        case "ArrowUp":
          select(current - 1);
          break;
        case "Enter":
          if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
          openEditor();
          break;
        case "a":
          confirmField();
          break;
        case "A": // Shift+A approves; a lone "A" from Caps Lock only confirms the field
          if (event.shiftKey) approve();
          else confirmField();
          break;
        case "x":
          removeField();
          break;
        case "+":
          openAdd();
          break;
        case "u":
          openForm(unreadableForm, note);
          break;
        case "n":
          nextDocument();
          break;
        case "b":
          window.location.assign("/");
          break;
        case "r":
          reloadAt();
          break;
        case "[":
          showPage(page - 1);
          break;
        case "]":
          showPage(page + 1);
          break;
        default:
          return;
      }
      event.preventDefault();
    });

    // Start on the field named in the address (after a reload), else the first weak one.
    const wanted = decodeURIComponent((window.location.hash.match(/field=([^&]+)/) || [])[1] || "");
    let start = rows.findIndex((r) => r.dataset.name === wanted);
    if (start < 0) start = rows.findIndex((r) => r.classList.contains("low"));
    if (start < 0) start = 0;
    const first = rows[start] ? fieldOf(rows[start]) : null;
    if (first && first.page !== null && first.page !== 0) showPage(first.page);
    select(start);
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (document.body.classList.contains("queue-page")) initQueue();
    if (document.body.classList.contains("record-page")) initRecord();
  });
})();
