"""The Ed25519 key that signs tree heads and promises, and the published public keys.

The private key is `CUSTODY_SIGNING_KEY` (PEM). Its key id is the first 16 bytes of the
SHA-256 of the raw public key, hex. Every key that ever signed stays listed in
`custody_keys` (with its validity), so a rotation never breaks an old receipt. No Flask.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from courier_api.core import clock
from courier_api.custody.models import CustodyKey
from courier_api.extensions import db

ALGORITHM = "Ed25519"


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:32]


@dataclass(frozen=True)
class Signer:
    private: Ed25519PrivateKey
    public_raw: bytes
    key_id: str

    @classmethod
    def from_pem(cls, pem: str) -> Signer:
        private = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError("CUSTODY_SIGNING_KEY must be an Ed25519 private key (PEM)")
        raw = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return cls(private, raw, key_id(raw))

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_raw).decode()

    def sign(self, document: bytes) -> str:
        return base64.b64encode(self.private.sign(document)).decode()


def new_private_pem() -> str:
    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def verify(public_b64: str, signature_b64: str, document: bytes) -> bool:
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))
        public.verify(base64.b64decode(signature_b64), document)
    except (InvalidSignature, ValueError):
        return False
    return True


def publish(signer: Signer) -> None:
    """List the signing key (once) and close the validity of the keys it replaces."""
    if db.session.get(CustodyKey, signer.key_id) is not None:
        return
    now = clock.now()
    db.session.execute(
        sa.update(CustodyKey).where(CustodyKey.not_after.is_(None)).values(not_after=now)
    )
    db.session.add(
        CustodyKey(
            key_id=signer.key_id,
            algorithm=ALGORITHM,
            public_key=signer.public_b64,
            not_before=now,
        )
    )
    db.session.flush()


def public_keys() -> dict[str, str]:
    """key id -> raw public key (base64), of every key ever published."""
    return dict(db.session.execute(sa.select(CustodyKey.key_id, CustodyKey.public_key)).all())


def published(signer: Signer) -> dict[str, Any]:
    """The document served at /.well-known/custody-keys.json: every key listed, and the
    current one even before its first tree head lists it."""
    rows = db.session.scalars(sa.select(CustodyKey).order_by(CustodyKey.not_before)).all()
    keys = [
        {
            "kid": row.key_id,
            "alg": row.algorithm,
            "public_key": row.public_key,
            "not_before": row.not_before,
            "not_after": row.not_after,
        }
        for row in rows
    ]
    if signer.key_id not in {row.key_id for row in rows}:
        keys.append(
            {
                "kid": signer.key_id,
                "alg": ALGORITHM,
                "public_key": signer.public_b64,
                "not_before": None,
                "not_after": None,
            }
        )
    return {"keys": keys}
