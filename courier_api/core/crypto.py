"""Encryption at rest and keyed hashes, with keys from the environment (never the database).

- `encrypt`/`decrypt`: AES-256-GCM for values the server must read back (API-client and
  webhook secrets, ID numbers). The key is SHA-256 of `DATA_KEY`.
- `keyed_hash`: HMAC-SHA256 with `HASH_KEY`, for matching a value without storing it
  (ID numbers): equal inputs give equal hashes, but the hash cannot be brute-forced
  without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

_VERSION = "v1"


def _aead() -> AESGCM:
    return AESGCM(hashlib.sha256(current_app.config["DATA_KEY"].encode()).digest())


def encrypt(plaintext: str, *, context: str) -> str:
    """`context` (e.g. "api_client_secret") is bound in: a ciphertext moved to another
    column does not decrypt."""
    nonce = os.urandom(12)
    sealed = _aead().encrypt(nonce, plaintext.encode(), context.encode())
    return f"{_VERSION}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def decrypt(token: str, *, context: str) -> str:
    version, _, payload = token.partition(".")
    if version != _VERSION:
        raise ValueError(f"unknown ciphertext version {version!r}")
    raw = base64.urlsafe_b64decode(payload.encode())
    return _aead().decrypt(raw[:12], raw[12:], context.encode()).decode()


def keyed_hash(value: str, *, purpose: str) -> str:
    key = current_app.config["HASH_KEY"].encode()
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()
