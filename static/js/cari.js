// Search boxes of the forms (sistemkerja/widgets.py): the WAI-ARIA combobox pattern with a listbox.
// htmx asks the server for suggestions as the person types (hx-get on the box; here the request sends
// only ?q=) and puts the answer, <li role="option" data-nilai="…">, into the listbox. This file opens and
// closes the list, moves through it with the arrow keys (aria-activedescendant), picks with Enter or a
// click and closes with Escape. Without JavaScript the box is a plain text field the server resolves.
(function () {
  "use strict";

  function bagian(el) {
    var kotak = el && el.closest ? el.closest("[data-cari]") : null;
    if (!kotak) return null;
    var input = kotak.querySelector("[data-cari-kotak]");
    return {
      kotak: kotak,
      input: input,
      daftar: document.getElementById(input.getAttribute("aria-controls")),
      status: document.getElementById(input.id + "-status")
    };
  }

  function opsi(b) {
    return Array.prototype.slice.call(b.daftar.querySelectorAll('[role="option"]'));
  }

  function aktif(b) {
    return opsi(b).findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
  }

  function aktifkan(b, i) {
    var semua = opsi(b);
    semua.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
    if (semua[i]) {
      b.input.setAttribute("aria-activedescendant", semua[i].id);
      semua[i].scrollIntoView({block: "nearest"});
    } else {
      b.input.removeAttribute("aria-activedescendant");
    }
  }

  function buka(b, terbuka) {
    b.daftar.hidden = !terbuka;
    b.input.setAttribute("aria-expanded", terbuka ? "true" : "false");
    if (!terbuka) aktifkan(b, -1);
  }

  // The key a picked value carries in brackets at its end, as sistemkerja.widgets.kunci_dalam_kurung.
  function kunci(nilai) {
    var m = /\(([^()]*)\)\s*$/.exec(nilai);
    return m ? m[1].trim() : nilai;
  }

  // Several values (team members): a picked one becomes a ticked checkbox, with its note box beside it.
  function tambahTerpilih(b, nama, nilai) {
    var ada = Array.prototype.find.call(b.kotak.querySelectorAll('input[type="checkbox"]'),
      function (c) { return c.value === nilai; });
    if (ada) { ada.checked = true; return; }
    var li = document.createElement("li");
    var label = document.createElement("label");
    var centang = document.createElement("input");
    centang.type = "checkbox";
    centang.name = nama;
    centang.value = nilai;
    centang.checked = true;
    label.appendChild(centang);
    label.appendChild(document.createTextNode(" " + nilai));
    li.appendChild(label);
    var ket = b.kotak.getAttribute("data-keterangan");
    if (ket) {
      var labelKet = document.createElement("label");
      labelKet.className = "kotak-cari-ket";
      labelKet.appendChild(document.createTextNode(ket + " "));
      var sr = document.createElement("span");
      sr.className = "sr-only";
      sr.textContent = "untuk " + nilai + " ";
      labelKet.appendChild(sr);
      var isian = document.createElement("input");
      isian.type = "text";
      isian.name = nama + "-ket-" + kunci(nilai);
      isian.maxLength = 200;
      labelKet.appendChild(isian);
      li.appendChild(labelKet);
    }
    b.kotak.querySelector(".kotak-cari-terpilih").appendChild(li);
  }

  function pilih(b, o) {
    var nilai = o.getAttribute("data-nilai");
    var banyak = b.kotak.getAttribute("data-cari-banyak");
    if (banyak) {
      tambahTerpilih(b, banyak, nilai);
      b.input.value = "";
      b.status.textContent = nilai + " ditambahkan. Ketik lagi untuk menambah yang lain.";
    } else {
      b.input.value = nilai;
      b.status.textContent = "Dipilih: " + nilai + ".";
    }
    buka(b, false);
    b.input.focus();
  }

  // Only the typed text goes to the server, as ?q=.
  document.addEventListener("htmx:configRequest", function (e) {
    var el = e.detail.elt;
    if (el && el.hasAttribute && el.hasAttribute("data-cari-kotak")) e.detail.parameters = {q: el.value};
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    var b = bagian(e.detail.target);
    if (!b || e.detail.target !== b.daftar) return;
    var semua = opsi(b);
    semua.forEach(function (o, i) { o.id = b.daftar.id + "-" + i; });
    if (b.input.value.trim().length < 2) {
      b.status.textContent = "Ketik sedikitnya 2 huruf.";
      buka(b, false);
    } else if (!semua.length) {
      b.status.textContent = "Tidak ada yang cocok. Periksa ejaan, atau ketik kode/NIP lengkap.";
      buka(b, false);
    } else {
      b.status.textContent = semua.length + " saran. Pilih dengan panah atas/bawah lalu Enter.";
      buka(b, document.activeElement === b.input);
    }
  });

  document.addEventListener("htmx:responseError", function (e) {
    var b = bagian(e.detail.elt);
    if (b) { b.status.textContent = "Kata kunci tidak dapat dicari."; buka(b, false); }
  });

  document.addEventListener("keydown", function (e) {
    if (!e.target.hasAttribute || !e.target.hasAttribute("data-cari-kotak")) return;
    var b = bagian(e.target);
    var n = opsi(b).length;
    var i = aktif(b);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      if (b.daftar.hidden) { buka(b, true); aktifkan(b, e.key === "ArrowDown" ? 0 : n - 1); return; }
      aktifkan(b, e.key === "ArrowDown" ? (i + 1) % n : (i <= 0 ? n - 1 : i - 1));
    } else if (e.key === "Enter" && !b.daftar.hidden && i >= 0) {
      e.preventDefault(); // pick, do not send the form
      pilih(b, opsi(b)[i]);
    } else if (e.key === "Escape" && !b.daftar.hidden) {
      e.preventDefault();
      buka(b, false);
    } else if (e.key === "Tab") {
      buka(b, false);
    }
  });

  // A click picks; mousedown is held back so the box keeps the focus.
  document.addEventListener("mousedown", function (e) {
    if (e.target.closest && e.target.closest(".kotak-cari-saran [role=\"option\"]")) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    var o = e.target.closest ? e.target.closest(".kotak-cari-saran [role=\"option\"]") : null;
    if (o) { pilih(bagian(o), o); return; }
    document.querySelectorAll("[data-cari-kotak][aria-expanded=\"true\"]").forEach(function (input) {
      if (!bagian(input).kotak.contains(e.target)) buka(bagian(input), false);
    });
  });
  document.addEventListener("focusout", function (e) {
    if (!e.target.hasAttribute || !e.target.hasAttribute("data-cari-kotak")) return;
    var b = bagian(e.target);
    window.setTimeout(function () { if (document.activeElement !== b.input) buka(b, false); }, 150);
  });
})();
