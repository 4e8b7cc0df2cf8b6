// Plays a video where its poster was: until the visitor clicks, the page has asked the
// video's provider for nothing. A click with a modifier key opens the video's own page,
// as the link says.
for (const link of document.querySelectorAll("a[data-embed]")) {
  link.addEventListener("click", (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    const player = document.createElement("iframe");
    player.className = "video-frame";
    player.src = link.dataset.embed;
    player.title = link.dataset.title;
    player.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    player.allowFullscreen = true;
    player.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(player);
    player.focus();
  });
}
