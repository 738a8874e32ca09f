// Videos of other hosts: two-click consent. Until the visitor clicks, nothing
// is loaded from the video host (no iframe, no thumbnail); the click creates
// the player. The visitor may tick "remember my choice": then this browser
// keeps the consent for that host in localStorage (never in a cookie, so the
// server never sees it) and later pages load that host's videos at once.
// Without JavaScript the button and checkbox stay hidden and the placeholder's
// plain link to the video remains. Loaded as a module: once per page.

const PREFIX = "voneinander.video-consent:";

function store() {
  try {
    const storage = window.localStorage;
    storage.getItem(PREFIX);
    return storage;
  } catch {
    return null; // storage disabled: the choice just cannot be remembered
  }
}

function isRemembered(origin) {
  const storage = store();
  return Boolean(storage && origin && storage.getItem(PREFIX + origin) !== null);
}

function remember(origin) {
  const storage = store();
  if (storage && origin) {
    storage.setItem(PREFIX + origin, new Date().toISOString());
  }
}

function forget(origin) {
  const storage = store();
  if (storage && origin) {
    storage.removeItem(PREFIX + origin);
  }
}

function rememberedOrigins() {
  const storage = store();
  if (!storage) return [];
  const origins = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key && key.startsWith(PREFIX)) origins.push(key.slice(PREFIX.length));
  }
  return origins.sort();
}

function isWebAddress(src) {
  return src.startsWith("https://") || src.startsWith("http://");
}

function showRemembered(embed) {
  const note = embed.querySelector("[data-video-remembered]");
  if (note) note.hidden = !isRemembered(embed.dataset.origin);
}

function play(embed, { focus }) {
  const box = embed.querySelector("[data-video-box]");
  const frame = document.createElement("iframe");
  frame.className = "vn-video__frame";
  frame.title = embed.dataset.title || "";
  frame.allow = "fullscreen; picture-in-picture; encrypted-media";
  frame.allowFullscreen = true;
  // The site sends no referrer to other hosts; some players need the origin.
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.src = embed.dataset.src;
  frame.dataset.videoFrame = "";
  box.classList.add("vn-video--playing");
  box.replaceChildren(frame);
  showRemembered(embed);
  if (focus) frame.focus();
}

function setUp(embed) {
  if (embed.dataset.videoReady) return;
  const button = embed.querySelector("[data-video-play]");
  const src = embed.dataset.src || "";
  if (!button || !isWebAddress(src)) return;
  embed.dataset.videoReady = "";
  const origin = embed.dataset.origin || "";
  const checkbox = embed.querySelector("[data-video-remember]");
  const field = embed.querySelector("[data-video-remember-field]");
  if (checkbox && field && origin && store()) field.hidden = false;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (checkbox && checkbox.checked) remember(origin);
    play(embed, { focus: true });
  });
  const forgetButton = embed.querySelector("[data-video-forget]");
  if (forgetButton) {
    forgetButton.addEventListener("click", () => {
      forget(origin);
      const note = embed.querySelector("[data-video-remembered]");
      note.replaceChildren(document.createTextNode(forgetButton.dataset.doneText || ""));
      note.setAttribute("role", "status");
      note.tabIndex = -1;
      note.focus();
    });
  }
  if (isRemembered(origin)) play(embed, { focus: false });
}

function setUpChoices(panel) {
  const list = panel.querySelector("[data-video-choices-list]");
  const button = panel.querySelector("[data-video-forget-all]");
  const status = panel.querySelector("[data-video-choices-status]");
  if (!list || !button || !store()) return;
  const render = () => {
    const origins = rememberedOrigins();
    list.hidden = false;
    if (origins.length) {
      const hosts = origins.map((origin) => origin.replace(/^https?:\/\//, ""));
      list.textContent = `${panel.dataset.textSome} ${hosts.join(", ")}`;
    } else {
      list.textContent = panel.dataset.textNone || "";
    }
    button.hidden = origins.length === 0;
  };
  button.addEventListener("click", () => {
    for (const origin of rememberedOrigins()) forget(origin);
    render();
    if (status) {
      status.textContent = panel.dataset.textDone || "";
      // The button disappears; keep the keyboard focus on the confirmation.
      status.tabIndex = -1;
      status.focus();
    }
  });
  render();
}

function setUpAll(root) {
  for (const embed of root.querySelectorAll("[data-video-embed]")) setUp(embed);
  for (const panel of root.querySelectorAll("[data-video-choices]")) setUpChoices(panel);
}

setUpAll(document);
document.addEventListener("htmx:afterSettle", (event) => setUpAll(event.target));
