// Sistem Kerja: small enhancements only. Every page works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function siapkanMenu() {
    var tombol = document.querySelector(".menu-tombol");
    var nav = document.getElementById("navigasi");
    if (!tombol || !nav) return;
    tombol.hidden = false;
    tombol.addEventListener("click", function () {
      var terbuka = nav.classList.toggle("terbuka");
      tombol.setAttribute("aria-expanded", terbuka ? "true" : "false");
    });
  }

  // The page sends only the open branches; "Buka semua" fetches the whole tree once (without
  // JavaScript it is a link to the page with every branch), then opens every node.
  function siapkanPohon() {
    var alat = document.querySelector(".pohon-alat");
    if (!alat) return;
    alat.querySelectorAll("[hidden]").forEach(function (el) { el.hidden = false; });
    function aturSemua(buka) {
      document.querySelectorAll(".pohon details").forEach(function (d) { d.open = buka; });
    }
    alat.addEventListener("click", function (e) {
      var aksi = e.target.getAttribute("data-pohon");
      if (!aksi) return;
      e.preventDefault();
      var pohon = document.querySelector(".pohon");
      var url = pohon && pohon.getAttribute("data-sebagian");
      if (aksi === "buka" && url && window.htmx) {
        htmx.ajax("GET", url, {target: ".pohon", swap: "outerHTML", select: ".pohon"})
          .then(function () { aturSemua(true); });
      } else {
        aturSemua(aksi === "buka");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    siapkanMenu();
    siapkanPohon();
  });
})();
