/* Ally: small progressive enhancements. Every page works without this file.
   Loaded with <script defer> from our own origin (CSP script-src 'self'); no inline handlers. */
(function () {
  "use strict";

  // Forms marked data-auto-submit (the language and task-force switchers) submit as soon as a
  // choice is made with the mouse or touch. A change made with the keyboard (arrow keys move the
  // selection in some browsers) does not submit: the person presses the form's button instead,
  // so moving through the options never reloads the page under them (WCAG 3.2.2).
  function setUpAutoSubmit(form) {
    var usedKeyboard = false;
    form.addEventListener("keydown", function (event) {
      if (event.target instanceof HTMLSelectElement) {
        usedKeyboard = true;
      }
    });
    form.addEventListener("pointerdown", function () {
      usedKeyboard = false;
    });
    form.addEventListener("change", function (event) {
      if (!(event.target instanceof HTMLSelectElement) || usedKeyboard) {
        return;
      }
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  }

  // A "Print" button (the disclosure report a survivor takes home).
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  });

  // Buttons or forms with data-confirm ask before a removal or revocation is sent.
  function confirmMessage(form, submitter) {
    if (submitter && submitter.dataset && submitter.dataset.confirm) {
      return submitter.dataset.confirm;
    }
    return form.dataset ? form.dataset.confirm : undefined;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var message = confirmMessage(form, event.submitter);
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A "copy" button next to a value shown once (a new API token). Hidden without JavaScript.
  function setUpCopyButton(button) {
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target || !navigator.clipboard) {
      return;
    }
    var status = document.getElementById(button.dataset.copyStatus || "");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        if (status) {
          status.textContent = button.dataset.copiedText || "";
        }
      });
    });
  }

  // A table wider than the screen scrolls sideways inside its .table-wrap. Such a scrolling box
  // must be reachable with the keyboard, so it becomes a focusable, named region while (and only
  // while) it actually overflows.
  function updateScrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (overflows && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        var heading = wrap.closest("section") && wrap.closest("section").querySelector("h2, h3");
        var name = (caption && caption.textContent.trim()) || (heading && heading.textContent.trim()) || "";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (name) {
          wrap.setAttribute("aria-label", name);
        }
      } else if (!overflows && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  // A screening's follow-up question (data-asked-if on its inputs) shows only once the question
  // that asks it has the triggering answer. Without this script every question shows, and the
  // scoring ignores a follow-up whose trigger was not given.
  function setUpFollowUps(form) {
    var followUps = [];
    form.querySelectorAll("[data-asked-if]").forEach(function (input) {
      var box = input.closest(".question");
      if (box && followUps.every(function (f) { return f.box !== box; })) {
        followUps.push({ box: box, trigger: input.dataset.askedIf, equals: input.dataset.equals });
      }
    });
    function update() {
      followUps.forEach(function (f) {
        var chosen = form.querySelector("input[name='" + f.trigger + "']:checked");
        f.box.hidden = !(chosen && chosen.value === f.equals);
      });
    }
    form.addEventListener("change", update);
    update();
  }

  // The in-person e-signature pad on the consent form: drawing fills a hidden field with a PNG.
  // Without this script the pad stays hidden and the signed form is uploaded as a file instead.
  function setUpSignaturePad(box) {
    var field = document.getElementById(box.dataset.signatureFor);
    var canvas = box.querySelector("canvas");
    if (!field || !canvas || !canvas.getContext) {
      return;
    }
    var context = canvas.getContext("2d");
    var drawing = false;
    var drawn = false;
    box.hidden = false;
    context.lineWidth = 2.5;
    context.lineCap = "round";
    context.strokeStyle = "#111";
    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - rect.left) * (canvas.width / rect.width),
        y: (event.clientY - rect.top) * (canvas.height / rect.height)
      };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) {
        return;
      }
      var p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
      drawn = true;
    });
    function finish() {
      if (drawing && drawn) {
        field.value = canvas.toDataURL("image/png");
      }
      drawing = false;
    }
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
    box.querySelector("[data-signature-clear]").addEventListener("click", function () {
      context.clearRect(0, 0, canvas.width, canvas.height);
      field.value = "";
      drawn = false;
    });
  }

  function init() {
    document.querySelectorAll("[data-signature-for]").forEach(setUpSignaturePad);
    document.querySelectorAll("form.screening-form").forEach(setUpFollowUps);
    updateScrollableTables();
    window.addEventListener("resize", updateScrollableTables);
    document.querySelectorAll("form[data-auto-submit]").forEach(setUpAutoSubmit);
    document.querySelectorAll("button[data-copy-target]").forEach(setUpCopyButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
