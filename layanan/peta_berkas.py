"""The drawing of a business-process map, checked by its content before it is stored: a PDF, PNG or JPEG by
its leading bytes (`sistemkerja.berkas.periksa_berkas`), or a BPMN 2.0 model: well-formed XML parsed without
a DTD, entities or network access, whose root is `definitions` in the BPMN 2.0 model namespace. An XML with an
external entity or the "billion laughs" is refused before anything expands."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sistemkerja.berkas import periksa_berkas

from .choices import FormatPeta

BERKAS_MAKS_MB = 20
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BUKAN_PETA = "Isi berkas bukan PDF, PNG, JPEG atau XML BPMN 2.0 yang sah (jenis dikenali dari isinya)."
JENIS_FORMAT = {"pdf": FormatPeta.PDF, "png": FormatPeta.PNG, "jpg": FormatPeta.JPEG}


def _xml_aman(isi: bytes):
    """The root element of an XML document parsed without DTDs, entities or network access (defusedxml when
    installed, else lxml told the same)."""
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring
    except ImportError:  # pragma: no cover  (defusedxml is a dependency; lxml is the fallback the brief allows)
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        akar = etree.fromstring(isi, parser=parser)
        if akar.getroottree().docinfo.internalDTD is not None or akar.getroottree().docinfo.doctype:
            raise ValueError("DTD") from None
        return akar.tag
    try:
        return fromstring(isi, forbid_dtd=True, forbid_entities=True, forbid_external=True).tag
    except DefusedXmlException:
        raise ValueError("DTD") from None


def periksa_bpmn(berkas) -> None:
    """A BPMN 2.0 model: well-formed XML without a DTD or entities, whose root is `definitions` in the BPMN
    model namespace. A ValidationError in Indonesian otherwise."""
    berkas.seek(0)
    isi = berkas.read(BERKAS_MAKS_MB * 1024 * 1024 + 1)
    berkas.seek(0)
    try:
        tag = _xml_aman(isi)
    except Exception as e:  # noqa: BLE001  a hostile or broken document can fail the parser in many ways
        if isinstance(e, ValueError) and str(e) == "DTD":
            raise ValidationError(
                "Berkas XML memuat DTD atau entitas (mis. entitas eksternal); ditolak demi keamanan.",
                code="bpmn_dtd",
            ) from None
        raise ValidationError(BUKAN_PETA, code="berkas_jenis") from None
    if tag != f"{{{BPMN_NS}}}definitions":
        raise ValidationError(
            "Berkas XML ini bukan model BPMN 2.0 (akar harus <definitions> dengan namespace BPMN 2.0 MODEL).",
            code="bpmn_akar",
        )


def periksa_berkas_peta(berkas) -> tuple[str, str]:
    """(format, storage extension) of a map's drawing, by its content: PDF, PNG, JPEG or BPMN 2.0 XML."""
    if berkas is None or not getattr(berkas, "size", 0):
        raise ValidationError("Berkas kosong.", code="berkas_kosong")
    if berkas.size > BERKAS_MAKS_MB * 1024 * 1024:
        raise ValidationError(
            f"Berkas terlalu besar ({berkas.size / 1048576:.1f} MB); paling besar {BERKAS_MAKS_MB} MB.",
            code="berkas_terlalu_besar",
        )
    try:
        jenis = periksa_berkas(berkas, jenis={"pdf", "png", "jpg"}, maks_mb=BERKAS_MAKS_MB)
    except ValidationError as e:
        if e.code != "berkas_jenis":
            raise
    else:
        return JENIS_FORMAT[jenis], jenis
    periksa_bpmn(berkas)
    return FormatPeta.BPMN, "bpmn"
