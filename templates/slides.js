/* badday slide navigation: one slide at a time, scaled to the window.
 * Right, Down, Page Down, Space: next; Left, Up, Page Up, Shift+Space:
 * previous; Home, End: first, last.  The address keeps #slide-N so a
 * reload or a link opens the same slide.  This text is allowed by its
 * SHA-256 in the page's Content-Security-Policy: it must stay constant. */
(function () {
  "use strict";
  var slides = document.querySelectorAll("section.slide");
  if (!slides.length) return;
  var root = document.documentElement;
  var current = -1;

  function fit() {
    var scale = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
    root.style.setProperty("--deck-scale", String(scale > 0 ? scale : 1));
  }

  function fromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    for (var i = 0; i < slides.length; i++) if (slides[i].id === id) return i;
    return 0;
  }

  function show(index, remember) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    if (index === current) return;
    if (current >= 0) slides[current].classList.remove("current");
    current = index;
    slides[current].classList.add("current");
    if (remember) {
      try {
        window.history.replaceState(null, "", "#" + slides[current].id);
      } catch (e) {
        /* some viewers forbid changing the address; navigation still works */
      }
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    var step = 0;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown") step = 1;
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp") step = -1;
    else if (key === " " || key === "Spacebar") step = event.shiftKey ? -1 : 1;
    if (step !== 0) show(current + step, true);
    else if (key === "Home") show(0, true);
    else if (key === "End") show(slides.length - 1, true);
    else return;
    event.preventDefault();
  });
  window.addEventListener("resize", fit);
  window.addEventListener("hashchange", function () {
    show(fromHash(), false);
  });

  root.classList.add("deck");
  fit();
  show(fromHash(), false);
})();
