"""A byte-level walk over the messages of a FIT file, to cut out the few summary messages.

The columnar fast path decodes ``record`` messages with ``fitfast.records``; the summary
messages (``file_id``, ``session``, ``lap``, ``activity``, ``sport``) are a few dozen among
thousands of records. Decoding them with a second full pass would double the cost, so this
module walks the message headers once (no field decoding), copies the definitions and data
messages of the wanted global message numbers into a small FIT file of their own, and lets the
decoder parse that.

The walk trusts the framing: call it only on bytes the decoder has already accepted. It never
loops forever (every step advances) and raises :class:`FitFramingError` on anything it cannot
follow. Messages with a compressed-timestamp header keep their bytes; their time offset is then
relative to the previous kept timestamp (summary messages practically never use one).

Source: Garmin FIT Protocol, "File Header", "Record Header", "Definition Message" and
"CRC" sections (FIT SDK documentation, protocol 2.0).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

FIT_SIGNATURE = b".FIT"

#: Global message numbers of the summary messages runcoach reads (FIT profile):
#: file_id 0, sport 12, session 18, lap 19, activity 34, field_description 206,
#: developer_data_id 207 (the last two let the decoder name developer fields).
SUMMARY_MESSAGES: frozenset[int] = frozenset({0, 12, 18, 19, 34, 206, 207})


#: Size in bytes of each FIT base type (by base type number, the low 5 bits of the type byte).
_BASE_TYPE_SIZES = {
    0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 1, 8: 4, 9: 8,
    10: 1, 11: 2, 12: 4, 13: 1, 14: 8, 15: 8, 16: 8,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Extract:
    """The summary-only FIT file and facts about the original file's definitions."""

    summary: bytes
    #: Field numbers declared by the ``record`` definitions.
    record_fields: frozenset[int]
    #: Field definitions whose size is not a multiple of their base type's size.
    odd_field_sizes: int


class FitFramingError(ValueError):
    """The bytes do not follow the FIT message framing."""


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def fit_crc(data: bytes | bytearray, crc: int = 0) -> int:
    """The FIT CRC-16 of ``data`` (CRC-16/ARC: reflected polynomial 0xA001, initial value 0).

    Source: Garmin FIT Protocol, "CRC".
    """
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def extract_messages(data: bytes, keep: frozenset[int] = SUMMARY_MESSAGES) -> Extract:
    """A new, valid single-sequence FIT file holding only the messages numbered in ``keep``,
    with what the walk learnt about the file's definitions (see :class:`Extract`).

    Chained FIT sequences in ``data`` are all walked; their kept messages are concatenated in
    order. Raises :class:`FitFramingError` when the framing cannot be followed.
    """
    out = bytearray()
    record_fields: set[int] = set()
    odd_sizes = [0]
    pos = 0
    total = len(data)
    try:
        while pos + 12 <= total and data[pos + 8 : pos + 12] == FIT_SIGNATURE:
            header_size = data[pos]
            (data_size,) = struct.unpack_from("<I", data, pos + 4)
            start = pos + header_size
            end = start + data_size
            if header_size < 12 or end > total:
                raise FitFramingError("the FIT header points past the end of the file")
            _walk_sequence(data, start, end, keep, out, record_fields, odd_sizes)
            pos = end + 2
    except (IndexError, struct.error) as exc:
        raise FitFramingError("a FIT message runs past the end of its sequence") from exc
    if pos == 0:
        raise FitFramingError("no FIT header at the start of the file")
    header = bytes([12, 0x10]) + struct.pack("<H", 2100) + struct.pack("<I", len(out))
    header += FIT_SIGNATURE
    body = header + bytes(out)
    return Extract(body + struct.pack("<H", fit_crc(body)), frozenset(record_fields), odd_sizes[0])


RECORD_MESSAGE = 20


def _walk_sequence(
    data: bytes,
    pos: int,
    end: int,
    keep: frozenset[int],
    out: bytearray,
    record_fields: set[int],
    odd_sizes: list[int],
) -> None:
    sizes = [-1] * 16  # data size (without the header byte) per local message type
    numbers = [-1] * 16  # global message number per local message type
    while pos < end:
        head = data[pos]
        if head & 0x80:  # compressed-timestamp data message: local type in bits 5-6
            local = (head >> 5) & 0x03
        elif head & 0x40:  # definition message
            local = head & 0x0F
            big_endian = data[pos + 2] == 1
            (number,) = struct.unpack_from(">H" if big_endian else "<H", data, pos + 3)
            n_fields = data[pos + 5]
            nxt = pos + 6
            size = 0
            for i in range(n_fields):
                field_size = data[nxt + 3 * i + 1]
                size += field_size
                if field_size % _BASE_TYPE_SIZES.get(data[nxt + 3 * i + 2] & 0x1F, 1):
                    odd_sizes[0] += 1
            if number == RECORD_MESSAGE:
                record_fields.update(data[nxt + 3 * i] for i in range(n_fields))
            nxt += 3 * n_fields
            if head & 0x20:  # developer fields follow
                n_dev = data[nxt]
                nxt += 1
                size += sum(data[nxt + 3 * i + 1] for i in range(n_dev))
                nxt += 3 * n_dev
            if nxt > end:
                raise FitFramingError("a FIT definition message runs past its sequence")
            sizes[local] = size
            numbers[local] = number
            if number in keep:
                out += data[pos:nxt]
            pos = nxt
            continue
        else:
            local = head & 0x0F
        size = sizes[local]
        if size < 0:
            raise FitFramingError(f"local message {local} is used before it is defined")
        nxt = pos + 1 + size
        if nxt > end:
            raise FitFramingError("a FIT data message runs past its sequence")
        if numbers[local] in keep:
            out += data[pos:nxt]
        pos = nxt
