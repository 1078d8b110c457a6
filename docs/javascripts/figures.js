// Marks each picture that is wider than its box (on a phone), so the stylesheet can say that
// it scrolls sideways: a cut label at the edge otherwise looks like the whole picture.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".dossier-figure").forEach(function (figure) {
      figure.classList.toggle("dossier-overflows", figure.scrollWidth > figure.clientWidth + 1);
    });
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
