// The strategy workbook's steps: autosave after a pause in typing and on
// leaving a field, drafts kept on this device while the connection is down,
// and a choice when someone else saved the same text meanwhile.
// The form works without this script (a normal POST); hooked up by data-autosave.
//
// Drafts live in localStorage under data-draft-key, which holds the user's id
// ("voneinander-strategy-u<user>-<strategy>-<step>"), so another person signing in
// on the same browser is never offered someone else's draft. Signing out from any
// page removes all of this user's drafts (core/app.js, data-clears-drafts on the
// sign-out form). Residual risk: a session that just expires leaves the drafts in
// this browser's storage until the same person saves or discards them; they are
// never shown to anyone else, but someone with access to the browser profile
// (developer tools) could read them.

const DRAFT_PREFIX = "voneinander-strategy-";
const LEGACY_KEY = /^voneinander-strategy-\d+-[a-z0-9-]+$/; // before keys held the user
let signingOut = false; // no draft is written once sign-out has begun

const PAUSE_MS = 1500;
const RETRY_MS = [3000, 10000, 30000, 60000];
const SKIP = new Set(["csrfmiddlewaretoken", "version", "weiter"]);

function controlNames(form) {
  const names = [];
  for (const element of form.elements) {
    if (element.name && !SKIP.has(element.name) && !names.includes(element.name)) {
      names.push(element.name);
    }
  }
  return names;
}

function readValues(form) {
  const values = {};
  for (const name of controlNames(form)) {
    const control = form.elements[name];
    if (control instanceof RadioNodeList || control.type === "checkbox") {
      const boxes = control instanceof RadioNodeList ? Array.from(control) : [control];
      values[name] = boxes.filter((box) => box.checked).map((box) => box.value);
    } else {
      values[name] = control.value;
    }
  }
  return values;
}

function applyValues(form, values) {
  for (const [name, value] of Object.entries(values)) {
    const control = form.elements[name];
    if (!control) {
      continue;
    }
    if (control instanceof RadioNodeList || control.type === "checkbox") {
      const wanted = (Array.isArray(value) ? value : [value]).map(String);
      const boxes = control instanceof RadioNodeList ? Array.from(control) : [control];
      for (const box of boxes) {
        box.checked = wanted.includes(box.value);
      }
    } else {
      control.value = value;
    }
  }
}

function sameValues(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function labelOf(form, name) {
  const control = form.elements[name];
  if (control instanceof RadioNodeList || control.type === "checkbox") {
    const legend = form.querySelector(`[name="${name}"]`).closest("fieldset")?.querySelector("legend");
    return legend ? legend.textContent.trim() : name;
  }
  const label = control.id && form.querySelector(`label[for="${control.id}"]`);
  return label ? label.textContent.trim() : name;
}

function choiceLabels(form, name, ids) {
  const labels = [];
  for (const id of ids.map(String)) {
    const box = form.querySelector(`[name="${name}"][value="${id}"]`);
    const label = box && form.querySelector(`label[for="${box.id}"]`);
    labels.push(label ? label.textContent.trim() : id);
  }
  return labels.join(", ");
}

function setUp(form) {
  const url = form.dataset.autosave;
  const key = form.dataset.draftKey;
  const status = form.querySelector("[data-autosave-status]");
  const version = form.querySelector('input[name="version"]');
  const offer = form.querySelector("[data-draft-offer]");
  const conflictBox = form.querySelector("[data-conflict]");
  let timer = null;
  let retryTimer = null;
  let retries = 0;
  let inFlight = false;
  let again = false;
  let blocked = false;
  let edits = 0;
  let savedEdits = 0;
  let conflictData = null;

  const say = (text) => {
    status.textContent = text;
  };

  const readDraft = () => {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch {
      return null;
    }
  };
  const writeDraft = () => {
    if (signingOut) {
      return;
    }
    try {
      window.localStorage.setItem(
        key,
        JSON.stringify({ changedAt: Date.now(), version: Number(version.value), values: readValues(form) }),
      );
    } catch {
      // Storage full or disabled: autosave still works while online.
    }
  };
  const clearDraft = () => {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing stored
    }
  };

  const retryLater = () => {
    window.clearTimeout(retryTimer);
    const delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
    retries += 1;
    retryTimer = window.setTimeout(save, delay);
  };

  const notSaved = (text) => {
    writeDraft();
    say(text);
  };

  const showConflict = (data) => {
    blocked = true;
    conflictData = data;
    writeDraft();
    say(form.dataset.textConflict);
    conflictBox.querySelector("[data-conflict-message]").textContent = data.message;
    const list = conflictBox.querySelector("[data-conflict-theirs]");
    list.replaceChildren();
    for (const name of data.fields) {
      const row = document.createElement("div");
      const term = document.createElement("dt");
      const text = document.createElement("dd");
      term.textContent = labelOf(form, name);
      const theirs = data.theirs[name];
      text.textContent = Array.isArray(theirs) ? choiceLabels(form, name, theirs) : theirs || "–";
      text.className = "vn-wb-theirs__text";
      row.append(term, text);
      list.append(row);
    }
    conflictBox.hidden = false;
    conflictBox.querySelector("[data-conflict-mine]").focus();
  };

  const closeConflict = () => {
    blocked = false;
    conflictBox.hidden = true;
    version.value = conflictData.version;
  };

  async function save() {
    if (blocked) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    window.clearTimeout(timer);
    window.clearTimeout(retryTimer);
    if (!navigator.onLine) {
      notSaved(form.dataset.textOffline);
      return;
    }
    inFlight = true;
    const sent = edits;
    const body = new FormData(form);
    body.delete("weiter");
    say(form.dataset.textSaving);
    let response = null;
    let data = null;
    try {
      response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { Accept: "application/json" },
      });
      data = await response.json();
    } catch {
      data = null;
    }
    inFlight = false;
    if (response && response.ok && data) {
      retries = 0;
      version.value = data.version;
      form.dataset.serverSaved = data.saved_at_ms;
      savedEdits = sent;
      if (edits === sent) {
        clearDraft();
      }
      say(form.dataset.textSaved.replace("{time}", data.saved_at));
    } else if (response && response.status === 409 && data) {
      showConflict(data);
    } else if (response && response.status === 400) {
      notSaved(form.dataset.textFailed);
    } else {
      notSaved(form.dataset.textOffline);
      retryLater();
    }
    if (again) {
      again = false;
      if (edits !== savedEdits) {
        save();
      }
    }
  }

  form.addEventListener("input", () => {
    edits += 1;
    writeDraft();
    window.clearTimeout(timer);
    timer = window.setTimeout(save, PAUSE_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") {
      edits += 1;
      writeDraft();
      save();
    }
  });
  form.addEventListener("focusout", (event) => {
    if (event.target.name && !SKIP.has(event.target.name) && edits !== savedEdits) {
      save();
    }
  });
  form.addEventListener("submit", () => {
    window.clearTimeout(timer);
    window.clearTimeout(retryTimer);
    writeDraft();
  });
  window.addEventListener("online", () => {
    if (edits !== savedEdits || readDraft()) {
      retries = 0;
      save();
    }
  });

  conflictBox.querySelector("[data-conflict-mine]").addEventListener("click", () => {
    closeConflict();
    edits += 1;
    save();
  });
  conflictBox.querySelector("[data-conflict-theirs-take]").addEventListener("click", () => {
    applyValues(form, conflictData.theirs);
    closeConflict();
    savedEdits = edits;
    clearDraft();
    say("");
  });

  // A draft newer than the server's last save is offered back.
  const draft = readDraft();
  if (draft && draft.values) {
    const newer = Number(draft.changedAt) > Number(form.dataset.serverSaved || 0);
    if (newer && !sameValues(draft.values, readValues(form))) {
      offer.hidden = false;
      offer.querySelector("[data-draft-restore]").addEventListener("click", () => {
        applyValues(form, draft.values);
        version.value = draft.version;
        offer.hidden = true;
        edits += 1;
        say(form.dataset.textRestored);
        save();
      });
      offer.querySelector("[data-draft-discard]").addEventListener("click", () => {
        clearDraft();
        offer.hidden = true;
      });
    } else {
      clearDraft();
    }
  }
}

function storedKeys() {
  try {
    return Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i));
  } catch {
    return [];
  }
}

function removeDrafts(matches) {
  for (const key of storedKeys()) {
    if (key && matches(key)) {
      try {
        window.localStorage.removeItem(key);
      } catch {
        // storage disabled
      }
    }
  }
}

function clearOnSignOut(form) {
  const user = form.dataset.draftUser;
  const signout = form.dataset.signout;
  if (!user || !signout) {
    return;
  }
  const own = `${DRAFT_PREFIX}u${user}-`;
  for (const candidate of document.querySelectorAll("form[action]")) {
    if (candidate.getAttribute("action") === signout) {
      candidate.addEventListener("submit", () => {
        signingOut = true;
        removeDrafts((key) => key.startsWith(own));
      });
    }
  }
}

// Drafts stored before keys held the user's id cannot be told apart: drop them.
removeDrafts((key) => LEGACY_KEY.test(key));

const forms = document.querySelectorAll("form[data-autosave]");
for (const form of forms) {
  setUp(form);
}
if (forms.length) {
  clearOnSignOut(forms[0]);
}
