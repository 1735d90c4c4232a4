"""A hardened XML parse for GPX and TCX files.

The lxml parser runs with entity resolution off, no network, no DTD loading, no attribute
defaults from a DTD and ``huge_tree`` off (libxml2's limits on depth and text size stay on, and
its entity-amplification guard stops "billion laughs" bombs). On top of that, any document that
declares a DTD (``<!DOCTYPE``) is refused: GPX and TCX never need one, and a DTD is how XML
bombs and external entities (XXE) are delivered. Files larger than
:data:`runcoach.importers.limits.MAX_FILE_BYTES` never reach the parser.

Source: OWASP XML External Entity Prevention Cheat Sheet (lxml: ``resolve_entities=False``,
``no_network=True``); libxml2 parser options.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runcoach.importers.errors import FileImportError
from runcoach.importers.limits import MAX_FILE_BYTES, describe_size

if TYPE_CHECKING:
    from lxml.etree import _Element


def parse_xml(data: bytes, *, name: str) -> _Element:
    """Parse ``data`` safely and return the root element; raise :class:`FileImportError`."""
    from lxml import etree

    if len(data) > MAX_FILE_BYTES:
        raise FileImportError(
            f"{name} is {describe_size(len(data))}, over the {describe_size(MAX_FILE_BYTES)} "
            "limit for an activity file."
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        collect_ids=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc).split(", line")[0].rstrip(".")
        if "amplification" in reason or "entity" in reason.lower():
            raise FileImportError(
                f"{name} was refused: its XML expands entities beyond safe limits ({reason})."
            ) from exc
        raise FileImportError(f"{name} is not well-formed XML ({reason}).") from exc
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise FileImportError(f"{name} cannot be read as XML ({exc}).") from exc
    if root is None:
        raise FileImportError(f"{name} holds no XML element.")
    if root.getroottree().docinfo.doctype:
        raise FileImportError(
            f"{name} was refused: it declares a DTD (<!DOCTYPE>), which GPX and TCX files never "
            "need and which carries XML bombs and external entities."
        )
    return root


def local_name(tag: object) -> str:
    """The tag without its namespace (``{ns}trkpt`` → ``trkpt``); '' for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]
