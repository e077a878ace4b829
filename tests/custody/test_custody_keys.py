"""The key that signs the custody log: from the environment in production, made once into
instance/ elsewhere; published with every key that ever signed, so rotation breaks nothing."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

from courier_api.config import SECRET_SETTINGS, ConfigError, load_config
from courier_api.custody import keys
from courier_api.custody.keys import Signer, new_private_pem
from courier_api.custody.log import checkpoint
from courier_api.extensions import db
from tests.custody.test_custody_log import _chain
from tests.custody.test_custody_tamper import offline, verifier


def _production(monkeypatch, **overrides):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.internal/courier")
    monkeypatch.delenv("CUSTODY_SIGNING_KEY", raising=False)
    settings = {name: "s" * 40 for name in SECRET_SETTINGS}
    public = {"API_PUBLIC_URL": "https://api.post.example.cn"}
    return load_config({"COURIER_ENV": "production", **settings, **public, **overrides})


def test_production_refuses_to_start_without_an_ed25519_signing_key(monkeypatch, tmp_path):
    monkeypatch.setenv("COURIER_INSTANCE_DIR", str(tmp_path))
    with pytest.raises(ConfigError, match="CUSTODY_SIGNING_KEY is not set"):
        _production(monkeypatch)
    ecdsa = (
        generate_private_key(SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(ConfigError, match="must be an Ed25519 private key"):
        _production(monkeypatch, CUSTODY_SIGNING_KEY=ecdsa)
    with pytest.raises(ConfigError, match="not a PEM private key"):
        _production(monkeypatch, CUSTODY_SIGNING_KEY="-----BEGIN nonsense")
    pem = new_private_pem()
    assert _production(monkeypatch, CUSTODY_SIGNING_KEY=pem)["CUSTODY_SIGNING_KEY"] == pem
    assert not (tmp_path / "custody-signing-key.pem").exists()  # never made in production


def test_development_makes_one_key_into_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("COURIER_INSTANCE_DIR", str(tmp_path))
    monkeypatch.delenv("CUSTODY_SIGNING_KEY", raising=False)
    first = load_config({"COURIER_ENV": "development"})["CUSTODY_SIGNING_KEY"]
    again = load_config({"COURIER_ENV": "development"})["CUSTODY_SIGNING_KEY"]
    assert first == again == (tmp_path / "custody-signing-key.pem").read_text()
    assert (tmp_path / "custody-signing-key.pem").stat().st_mode & 0o077 == 0


def test_a_rotated_key_stays_published_and_old_evidence_stays_valid(app, world, client, as_):
    shipment_id = _chain(app, world)
    assert app.test_cli_runner().invoke(args=["custody-checkpoint"]).exit_code == 0
    old_signer = app.extensions["custody_signer"]
    old_bundle = client.get(
        f"/v1/shipments/{shipment_id}/custody/evidence", headers=as_("admin")
    ).get_json()
    new_signer = Signer.from_pem(new_private_pem())
    app.extensions["custody_signer"] = new_signer
    try:
        with app.app_context():
            _chain(app, world)
            assert checkpoint(signer=new_signer, anchor=app.extensions["custody_anchor"])
            db.session.commit()
        published = client.get("/.well-known/custody-keys.json").get_json()["keys"]
        assert [k["kid"] for k in published] == [old_signer.key_id, new_signer.key_id]
        assert published[0]["alg"] == "Ed25519" and published[0]["not_after"] is not None
        assert published[1]["not_after"] is None
        keys_now = {k["kid"]: k["public_key"] for k in published}
        assert verifier().verify_bundle(old_bundle, keys_now) == []  # signed by the old key
        assert offline(client, as_, shipment_id) == []  # now proved in a new-key head
        assert app.test_cli_runner().invoke(args=["verify-custody"]).exit_code == 0
    finally:
        app.extensions["custody_signer"] = old_signer


def test_the_key_id_is_the_public_keys_hash():
    signer = Signer.from_pem(new_private_pem())
    assert signer.key_id == keys.key_id(signer.public_raw) and len(signer.key_id) == 32
