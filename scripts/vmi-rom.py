#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""vmi-rom.py - finish the VMI-like ROM image, and derive broken ones.

  vmi-rom.py finalize RAW OUT      pad RAW to its declared 512-byte blocks
                                   and set the last byte so all bytes sum
                                   to 0 (the option ROM checksum)
  vmi-rom.py corrupt KIND GOOD OUT a ROM the kernel must refuse:
      bad-checksum  one code byte flipped, checksum left as it was
      bad-offset    entry 0's implementation outside the image
      bad-major     ABI major version 99
      truncated     more entries declared than the image holds
      misaligned    entry 0's implementation off its declared alignment
  Each corrupt ROM but bad-checksum keeps a valid checksum, so that what
  refuses it is the check it is named after.
"""
import struct
import sys

HDR = 0x20        # VMI_HEADER_OFFSET
ENT = 16          # VMI_ENTRY_SIZE


def fix_checksum(rom):
    rom[-1] = 0
    rom[-1] = (-sum(rom)) & 0xff
    return rom


def finalize(raw, out):
    rom = bytearray(open(raw, "rb").read())
    if rom[:2] != b"\x55\xaa":
        raise SystemExit("vmi-rom: %s is not an option ROM" % raw)
    size = rom[2] * 512
    if len(rom) >= size:
        raise SystemExit("vmi-rom: image of %d bytes leaves no checksum byte in %d"
                         % (len(rom), size))
    rom += b"\0" * (size - len(rom))
    open(out, "wb").write(fix_checksum(rom))


def corrupt(kind, good, out):
    rom = bytearray(open(good, "rb").read())
    nr, _, table = struct.unpack_from("<HHI", rom, HDR + 0x0c)
    off0, = struct.unpack_from("<I", rom, table + 4)
    if kind == "bad-checksum":
        rom[off0] ^= 0x01          # inside the first implementation
        open(out, "wb").write(rom)
        return
    if kind == "bad-offset":
        struct.pack_into("<I", rom, table + 4, len(rom) + 0x1000)
    elif kind == "bad-major":
        struct.pack_into("<H", rom, HDR + 0x08, 99)
    elif kind == "truncated":
        struct.pack_into("<H", rom, HDR + 0x0c, (len(rom) - table) // ENT + 1)
    elif kind == "misaligned":
        struct.pack_into("<I", rom, table + 4, off0 + 1)
    else:
        raise SystemExit("vmi-rom: unknown corruption %s" % kind)
    open(out, "wb").write(fix_checksum(rom))


def main(argv):
    if len(argv) == 3 and argv[0] == "finalize":
        finalize(argv[1], argv[2])
    elif len(argv) == 4 and argv[0] == "corrupt":
        corrupt(argv[1], argv[2], argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
