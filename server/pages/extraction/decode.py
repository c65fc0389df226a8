"""Bytes of a page → its text, decoded the way a browser would decode it.

The order is the HTML standard's, with one correction for how pages really are:

1. a byte-order mark (UTF-8, UTF-16) wins over anything declared;
2. bytes that are valid UTF-8 are UTF-8, whatever is declared (see below), and so are bytes
   that are mostly UTF-8 (see below);
3. the charset the server sent (the HTTP `Content-Type` header of a WARC record);
4. the page's own `<meta charset>` / `<meta http-equiv="Content-Type">` in its first 4 KB;
5. otherwise charset-normalizer's detection, else Windows-1252 (what browsers assume
   for an undeclared Western page).

The correction (step 2): templates copy `charset=iso-8859-1` from older sites onto pages
saved as UTF-8, and text in a legacy encoding with accents is practically never valid
UTF-8 by accident. A browser would show such a page as mojibake; its author never meant
that, and newslint reads what was meant. Labels map as the WHATWG Encoding standard
maps them (`iso-8859-1` and `ascii` are windows-1252, as in every browser).

Mostly UTF-8: an old template's widget pasted in Latin-1 leaves a few stray bytes in a page
written in UTF-8 ("Küchenblogs" in an image's alt text, on a recipe blog). The page is no
longer valid UTF-8, and reading all of it as Windows-1252 turned every "ö" of the article
into "Ã¶". Stray Latin-1 bytes seldom form valid UTF-8 sequences, so a page that declares
UTF-8, Windows-1252 (Latin-1) or nothing first, with `MOSTLY_UTF8` times more valid
multi-byte UTF-8 sequences than invalid bytes, is UTF-8, its stray bytes read as
Windows-1252. A page that declares another legacy charset keeps it: a Polish page in
windows-1250 whose menu was pasted in UTF-8 is windows-1250 in its article, and a browser
reads it so.

Text that arrives as a `str` (the API's `html`) may still have been decoded wrongly by
whoever sent it: `repair_mojibake` undoes the commonest case, UTF-8 read as Latin-1
("Ã©" for "é"), only when the whole text converts back cleanly.
"""

from __future__ import annotations

import codecs
import re

from ...base.errors import NewslintError

#: `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w\-:.]+)", re.IGNORECASE)
#: Latin-script code pages that detection confuses with one another.
_LATIN = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2",
                    "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13",
                    "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2",
                    "cp850", "cp437"})
_UNICODE = frozenset({"utf_8", "utf_8_sig", "utf_16", "utf_16_le", "utf_16_be", "utf_32"})
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
#: Share of control characters above which bytes are not text at all.
BINARY_SHARE = 0.1
#: "Ã" followed by a continuation byte read as Latin-1: the mark of UTF-8 decoded as Latin-1.
_MOJIBAKE = re.compile("[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîï][\x80-\xbf\u0152\u0153"
                       "\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018"
                       "\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039"
                       "\u203a\u20ac\u2122]")


def codec_name(label: str | None) -> str | None:
    """A charset label as Python names its codec ('ISO-8859-1' → 'latin_1'), None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    # The WHATWG Encoding standard maps these labels to windows-1252, as browsers do.
    if label in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        label = "cp1252"
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None


def declared_charset(raw: bytes) -> str | None:
    """The charset the page's own markup declares in its first 4 KB, as a codec name."""
    found = _META_CHARSET.search(raw[:4096])
    return codec_name(found.group(1).decode("ascii", "replace")) if found else None


def header_charset(content_type: str | None) -> str | None:
    """The charset of an HTTP Content-Type header ('text/html; charset=ISO-8859-1')."""
    found = _HEADER_CHARSET.search(content_type or "")
    return codec_name(found.group(1)) if found else None


def why_not_text(raw: bytes) -> str | None:
    """Why `raw` is not a text page at all (empty, binary), or None when it may be one."""
    if not raw.strip():
        return "empty file"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = raw[:4096]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > BINARY_SHARE * len(head):
        return "binary content, not a text page"
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


#: A valid multi-byte UTF-8 sequence (two, three or four bytes).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")
#: The error handler that reads a stray byte of a mostly-UTF-8 page as Windows-1252.
STRAY_BYTES = "newslint-stray-cp1252"
#: A page is mostly UTF-8 with this many valid sequences per invalid byte at least (half a:
#: the mixed page has 103 against 3; the Latin-1 pages 0 or 1 against 18 to 632), and
#: `_MOSTLY_LEAST` sequences at least: two accidental pairs in an ASCII page prove nothing.
MOSTLY_UTF8 = 4
_MOSTLY_LEAST = 10


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A stray byte of a mostly-UTF-8 page, read as the Windows-1252 it was written in."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error(STRAY_BYTES, _stray_as_cp1252)


def _mostly_utf8(raw: bytes) -> bool:
    """`MOSTLY_UTF8` times more valid multi-byte UTF-8 sequences than bytes UTF-8 cannot
    read, and `_MOSTLY_LEAST` of them."""
    invalid = raw.decode("utf-8", errors="replace").count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    # Counted, not listed: a hostile page of megabytes would make millions of them.
    sequences = sum(1 for _ in _UTF8_SEQUENCE.finditer(raw))
    return sequences >= max(_MOSTLY_LEAST, MOSTLY_UTF8 * invalid)


def _fits_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def choose_encoding(raw: bytes, declared: str | None = None) -> str:
    """The codec to read `raw` with: BOM, then valid UTF-8 (or mostly, unless a legacy
    charset is declared), then `declared` (the HTTP header's charset), then `<meta
    charset>`, then detection (see the module's doc)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    if _is_utf8(raw):
        return "utf_8"
    charsets = (codec_name(declared), declared_charset(raw))
    # The first charset declared is the one a browser reads by (the HTTP header's over the
    # page's own <meta>).
    first = next((charset for charset in charsets if charset is not None), None)
    if first in (None, "cp1252", *_UNICODE) and _mostly_utf8(raw):
        return "utf_8"
    for charset in charsets:
        # A page that says UTF-16 in bytes readable as ASCII cannot be UTF-16, and one
        # that says UTF-8 is not (it failed above): detection decides those.
        if charset is not None and charset not in _UNICODE:
            return charset
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    guess = best.encoding if best is not None else "cp1252"
    # Detection cannot tell the Latin code pages apart on a short page (é is é in all of
    # them, è is č in cp1250); browsers read an undeclared Western page as windows-1252.
    if guess in _LATIN and _fits_cp1252(raw):
        return "cp1252"
    return guess


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """Bytes of a page → text (see `choose_encoding`); a BOM is not part of the text."""
    encoding = choose_encoding(raw, declared)
    text = raw.decode(encoding, errors=STRAY_BYTES if encoding == "utf_8" else "replace")
    return text.removeprefix("\ufeff")


def read_page(raw: bytes, name: str, declared: str | None = None) -> str:
    """Bytes of a file a user gave → text, or a one-line NewslintError naming the file."""
    why = why_not_text(raw)
    if why:
        raise NewslintError("unreadable-html", f"{name}: {why}")
    return decode_html(raw, declared)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was decoded as Latin-1/Windows-1252 by the sender, decoded again right.

    Only when the marks of it are there and the whole text goes back to bytes and forward
    to UTF-8 without a single error; anything else is returned as it came."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin_1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return repaired
    return text
