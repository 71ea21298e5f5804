"""The format's own vectors (docs/ballot-format.md §10) and the rules of §1, checked on the
verifier's reading alone."""

import base64
import hashlib

import pytest

from shishi_verify.folder import merkle_root
from shishi_verify.formats import Envelope, FormatError, Key, amount, amount_text, b64, canonical, loads, pae

VOTE = "sha256:" + hashlib.sha256(b"shishi example manifest").hexdigest()
PAYLOAD = ('{"marks":{"1":"yes","2":"no"},"round":1,"vote":"' + VOTE + '","voter":"D001"}').encode()
SIGNATURE = base64.b64decode("7JNyTCElXAfECOEoZ5DSKFts5lVb75PsZXLvnuC/CEH5nbAARDEnQ+WBl8Q2GDKbsf1EHoMebuoVk4dfgLqSAQ==")
KEY = "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="


def test_the_published_vector_verifies():
    key = Key(KEY, "vector")
    assert key.fingerprint == "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"
    signed = pae("shishi/ballot/v1", PAYLOAD)
    assert signed.startswith(b"DSSEv1 16 shishi/ballot/v1 136 ") and len(signed) == 167
    assert "sha256:" + hashlib.sha256(signed).hexdigest() == \
        "sha256:125e776d7286a2432a78e1fbe048f3d22d20d7a41af68cf52ee21027f54d42d6"
    assert key.verify(SIGNATURE, signed)
    assert not key.verify(SIGNATURE, signed.replace(b'"no"', b'"on"'))
    assert canonical(loads(PAYLOAD, "payload")) == PAYLOAD


def test_an_envelope_with_an_unknown_field_or_a_repeated_key_is_refused():
    good = {"payload": base64.b64encode(PAYLOAD).decode(), "payloadType": "shishi/ballot/v1",
            "signatures": [{"key": "x", "sig": base64.b64encode(SIGNATURE).decode(), "suite": "ed25519"}]}
    Envelope(good, "ballot")
    with pytest.raises(FormatError):
        Envelope(dict(good, extra=1), "ballot")
    for repeated in (b'{"a":1,"a":2}', b'{"a":{"b":1,"b":2}}', b'{"a":"x\\":","a":1}', b'{"a" : 1, "a" : 2}'):
        with pytest.raises(FormatError):
            loads(repeated, "file")
    with pytest.raises(FormatError):
        loads(b'{"a":1} x', "file")
    with pytest.raises(FormatError):
        loads(b"\xef\xbb\xbf{}", "file")


def test_base64_must_be_canonical():
    assert b64("AAE=", "x") == b"\x00\x01"
    for text in ("AAF=", "AAE", " AAE=", "AA E="):
        with pytest.raises(FormatError):
            b64(text, "x")


def test_amounts_read_and_write_exactly():
    assert amount("2500000", "m", "budget") == 25_000_000_000
    assert amount_text(amount("35.5", "m", "cost")) == "35.5"
    assert amount_text(amount("12.0400", "m", "cost")) == "12.04"
    for text in ("-1", "1.23456", "1e3", "", "１"):
        with pytest.raises(FormatError):
            amount(text, "m", "cost")


def test_merkle_roots_follow_rfc_6962():
    h = lambda data: hashlib.sha256(data).digest()
    a, b, c = (bytes([i]) * 32 for i in (1, 2, 3))
    assert merkle_root("sha256", []) == "sha256:" + h(b"").hex()
    assert merkle_root("sha256", [a]) == "sha256:" + h(b"\x00" + a).hex()
    left = h(b"\x01" + h(b"\x00" + a) + h(b"\x00" + b))
    assert merkle_root("sha256", [a, b, c]) == "sha256:" + h(b"\x01" + left + h(b"\x00" + c)).hex()
