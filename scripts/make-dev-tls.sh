#!/usr/bin/env bash
# Makes a throw-away CA and the certificates the stack's TLS override needs, valid for 30 days:
#   ca.pem                      the CA, trusted by NATS and by the service (NATS_TLS_CA_FILE)
#   nats.pem, nats-key.pem      NATS' certificate, for nats, nats-2, nats-3, localhost, 127.0.0.1
#   client.pem, client-key.pem  the service's client certificate (mutual TLS)
#
#   scripts/make-dev-tls.sh [DIR]        DIR defaults to deploy/tls/certs
#
# For development and tests only: the CA key is deleted once the certificates are signed, and
# the files are world-readable so that every container's user can read the read-only mount.
set -euo pipefail

dir=${1:-deploy/tls/certs}
command -v openssl >/dev/null || { echo "make-dev-tls.sh: openssl not found (apt-get install openssl)" >&2; exit 69; }
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key "$work/ca-key.pem"
openssl req -x509 -new -key "$work/ca-key.pem" -out "$dir/ca.pem" -days 30 \
  -subj "/CN=market-data dev CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

issue() { # name, subject, extensions
  key "$dir/$1-key.pem"
  openssl req -new -key "$dir/$1-key.pem" -subj "/CN=$2" -out "$work/$1.csr"
  printf '%s\n' "$3" > "$work/$1.ext"
  openssl x509 -req -in "$work/$1.csr" -CA "$dir/ca.pem" -CAkey "$work/ca-key.pem" \
    -CAcreateserial -CAserial "$work/ca.srl" -days 30 -extfile "$work/$1.ext" \
    -out "$dir/$1.pem" 2>/dev/null
}

issue nats nats "subjectAltName=DNS:nats,DNS:nats-2,DNS:nats-3,DNS:localhost,IP:127.0.0.1
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth"
issue client market-data-service "keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"

chmod 0644 "$dir"/*.pem
echo "make-dev-tls.sh: CA and certificates in $dir (valid 30 days)"
