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

  function siapkanPohon() {
    var alat = document.querySelector(".pohon-alat");
    if (!alat) return;
    alat.hidden = false;
    alat.addEventListener("click", function (e) {
      var aksi = e.target.getAttribute("data-pohon");
      if (!aksi) return;
      document.querySelectorAll(".pohon details").forEach(function (d) { d.open = aksi === "buka"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    siapkanMenu();
    siapkanPohon();
  });
})();
