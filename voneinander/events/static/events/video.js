// Recordings: two-click consent. Until the visitor clicks, nothing is loaded
// from the video host (no iframe, no thumbnail); the click creates the player.
// Without JavaScript the button stays hidden and the placeholder's plain link
// to the video remains.
for (const box of document.querySelectorAll("[data-video-embed]")) {
  const button = box.querySelector("[data-video-play]");
  const src = box.dataset.src || "";
  if (!button || !(src.startsWith("https://") || src.startsWith("http://"))) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.className = "vn-video__frame";
    frame.title = box.dataset.title || "";
    frame.allow = "fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    // The site sends no referrer to other hosts; some players need the origin.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.src = src;
    frame.dataset.videoFrame = "";
    box.classList.add("vn-video--playing");
    box.replaceChildren(frame);
    frame.focus();
  });
}
