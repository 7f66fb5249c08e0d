#!/bin/sh
# Regenerates the seed corpus of Pkcs12FuzzTest (password "x", throw-away EC P-256 test key).
# Usage: sh src/test/scripts/pkcs12-fuzz-seeds.sh   (from smime-core; needs OpenSSL 3)
set -eu
out=src/test/resources/io/github/smimekit/core/Pkcs12FuzzTestInputs/read
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/k.pem" \
  -out "$tmp/c.pem" -subj "/CN=fuzz seed" -days 3650 2>/dev/null
e() { openssl pkcs12 -export -inkey "$tmp/k.pem" -in "$tmp/c.pem" -name seed -passout pass:x "$@"; }
e -iter 1 -maciter -out "$out/modern-iter1.p12"
e -legacy -iter 1 -out "$out/legacy-iter1.p12"
e -nomac -keypbe NONE -certpbe NONE -out "$out/plain-nomac.p12"
e -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -iter 1 -out "$out/3des-iter1.p12"
openssl pkcs12 -export -nokeys -in "$tmp/c.pem" -passout pass:x -iter 1 -out "$out/certs-only.p12"
# no MAC, with encrypted safes: mutations reach the structure behind the MAC
e -nomac -iter 1 -out "$out/aes-nomac-iter1.p12"
e -nomac -legacy -iter 1 -out "$out/legacy-nomac-iter1.p12"
# readWithoutMac seeds: the authenticated safe (the content of the outer data ContentInfo) of
# every no-MAC file; the fuzz target wraps its input in a PFX without a MAC
safe=src/test/resources/io/github/smimekit/core/Pkcs12FuzzTestInputs/readWithoutMac
mkdir -p "$safe"
for f in plain-nomac aes-nomac-iter1 legacy-nomac-iter1; do
  python3 src/test/scripts/authsafe.py "$out/$f.p12" "$safe/$f.der"
done
