"""Writes the authenticated safe of a PKCS#12 file (PFX -> authSafe ContentInfo -> [0] -> OCTET
STRING content) to a file. Usage: python3 authsafe.py IN.p12 OUT.der (definite lengths only)."""
import sys


def header(b, p):
    tag = b[p]
    p += 1
    first = b[p]
    p += 1
    if first < 0x80:
        return tag, p, first
    n = first & 0x7F
    length = int.from_bytes(b[p:p + n], "big")
    return tag, p + n, length


b = open(sys.argv[1], "rb").read()
_, p, _ = header(b, 0)  # PFX
_, q, n = header(b, p)  # version
p = q + n
_, p, _ = header(b, p)  # authSafe ContentInfo
_, q, n = header(b, p)  # contentType
p = q + n
_, p, _ = header(b, p)  # [0]
tag, p, n = header(b, p)  # OCTET STRING
assert tag == 0x04, hex(tag)
open(sys.argv[2], "wb").write(b[p:p + n])
