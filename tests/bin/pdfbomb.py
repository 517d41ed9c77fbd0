#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""tests/bin/pdfbomb.py KIND OUT.pdf: write a small PDF that is costly to interpret.

  content  one A4 page whose content stream holds 8 million path
           operators (147 MB once inflated, a few KB on disk)
  image    one A4 page that paints a 40000 x 40000 grey image (1.6 GB
           once inflated, a few KB on disk)
  ops      one A4 page with 1 MB of uncompressed operators (the kind that
           took poppler 24 s)

Imposing must cost what the bytes cost: nothing is interpreted.
"""
import sys
import zlib


def deflate(chunk, count):
    z = zlib.compressobj(9)
    out = [z.compress(chunk) for _ in range(count)]
    out.append(z.flush())
    return b"".join(out)


def pdf(objs):
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    return bytes(out)


def twice(data):
    """Flate over Flate: the file stays a few KB whatever the bomb."""
    return zlib.compress(data, 9)


def stream(d, data):
    return b"<< " + d + b" /Length %d >>\nstream\n" % len(data) + data + \
        b"\nendstream"


kind, path = sys.argv[1], sys.argv[2]
res = b"<< >>"
if kind == "content":
    content = stream(b"/Filter [/FlateDecode /FlateDecode]",
                     twice(deflate(b"0 0 m 595 842 l S\n" * 4096, 2000)))
elif kind == "ops":
    content = stream(b"", b"0.5 w 10 10 m 500 800 l S\n" * 40000)
elif kind == "image":
    side = 40000
    img = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                 b"/ColorSpace /DeviceGray /BitsPerComponent 8 "
                 b"/Filter [/FlateDecode /FlateDecode]" % (side, side),
                 twice(deflate(b"\x80" * 1048576, side * side // 1048576)))
    res = b"<< /XObject << /Im0 5 0 R >> >>"
    content = stream(b"", b"q 595 0 0 842 0 0 cm /Im0 Do Q\n")
else:
    sys.exit("pdfbomb.py: content, image or ops")
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources " + res + b" /Contents 4 0 R >>",
    content,
]
if kind == "image":
    objs.append(img)
open(path, "wb").write(pdf(objs))
