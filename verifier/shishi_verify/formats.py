"""The byte-level rules of docs/ballot-format.md §1, §2 and §9: strict JSON, canonical form,
base64, hashes, keys, signed envelopes (DSSE) and their signatures."""

import base64
import binascii
import hashlib
import json
import os
import subprocess
import tempfile

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class FormatError(Exception):
    """A file that does not follow the format; the message names the file and what is wrong."""


# §1 JSON ---------------------------------------------------------------------------------------

def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise FormatError(f"the key “{key}” appears twice in one object")
        out[key] = value
    return out


def _no_constant(name):
    raise FormatError(f"{name} is not JSON")


def _no_float(text):
    raise FormatError(f"the number {text} is not a whole number")


def loads(data, source):
    """Reads JSON strictly: UTF-8 without a byte-order mark or NUL, no key twice, nothing after
    the value, whole numbers only."""
    if data.startswith(b"\xef\xbb\xbf") or b"\x00" in data:
        raise FormatError(f"{source}: not plain UTF-8 text (a byte-order mark or a NUL byte)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError(f"{source}: not UTF-8") from None
    # Compact text whose every `":` is a key of the value read holds each key once: read it the
    # fast way; anything else is read with every check, which names what is wrong.
    if b'" :' not in data:
        try:
            value = json.loads(text, parse_constant=_no_constant, parse_float=_no_float)
            if _keys(value) == data.count(b'":'):
                return value
        except (ValueError, FormatError):
            pass
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant, parse_float=_no_float)
    except FormatError as error:
        raise FormatError(f"{source}: {error}") from None
    except ValueError as error:
        raise FormatError(f"{source}: not valid JSON ({error})") from None


def _keys(value):
    """How many object keys `value` holds, at every depth."""
    if isinstance(value, dict):
        return len(value) + sum(_keys(item) for item in value.values())
    if isinstance(value, list):
        return sum(_keys(item) for item in value)
    return 0


def canonical(value):
    """The canonical bytes of a JSON value: compact, keys sorted (by code point, which is UTF-8
    byte order), `/` not escaped, non-ASCII as itself."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def canonical_payload(data, source):
    """A signed payload: strict JSON that must also be exactly in canonical form (which holds each
    key once: its re-encoding gives the same bytes)."""
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_no_constant, parse_float=_no_float)
        if canonical(value) == data:
            return value
    except (ValueError, FormatError):
        pass
    loads(data, source)  # names what is wrong, if the text is not even strict JSON
    raise FormatError(f"{source}: the signed payload is not in canonical form")


def fields(value, source, required, optional=()):
    """Checks that `value` is an object with every required field and no field the format does
    not define; gives it back."""
    if not isinstance(value, dict):
        raise FormatError(f"{source}: an object is expected")
    for name in required:
        if name not in value:
            raise FormatError(f"{source}: the field “{name}” is missing")
    for name in value:
        if name not in required and name not in optional:
            raise FormatError(f"{source}: the field “{name}” is not part of the format")
    return value


def integer(value, source, name):
    if not isinstance(value, int) or isinstance(value, bool):
        raise FormatError(f"{source}: “{name}” must be a whole number")
    return value


def string(value, source, name):
    if not isinstance(value, str):
        raise FormatError(f"{source}: “{name}” must be a string")
    return value


def b64(text, source, name="base64"):
    """Standard base64 in canonical form: no white space, exact padding, unused bits zero."""
    if not isinstance(text, str):
        raise FormatError(f"{source}: “{name}” must be base64 text")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise FormatError(f"{source}: “{name}” is not base64") from None
    if base64.b64encode(data).decode("ascii") != text:
        raise FormatError(f"{source}: “{name}” is not canonical base64")
    return data


# §1 Hashes -------------------------------------------------------------------------------------

def digest(algorithm, data):
    """The raw hash of `data` with `sha256` or `sm3`."""
    if algorithm == "sha256":
        return hashlib.sha256(data).digest()
    if algorithm == "sm3":
        h = hashes.Hash(hashes.SM3())
        h.update(data)
        return h.finalize()
    raise FormatError(f"unknown hash “{algorithm}”")


def hash_text(algorithm, data):
    """`<algorithm>:<hex>`, as hashes are written."""
    return f"{algorithm}:{digest(algorithm, data).hex()}"


def parse_hash(text, source, name):
    string(text, source, name)
    algorithm, _, hexdigits = text.partition(":")
    if algorithm not in ("sha256", "sm3") or len(hexdigits) != 64 or hexdigits != hexdigits.lower():
        raise FormatError(f"{source}: “{name}” is not a hash")
    try:
        bytes.fromhex(hexdigits)
    except ValueError:
        raise FormatError(f"{source}: “{name}” is not a hash") from None
    return text


# §1 Keys ---------------------------------------------------------------------------------------

SUITES = ("ed25519", "sm2")
BLIND = "rsabssa-sha384-pss-randomized"
SM2_USER_ID = "1234567812345678"


class Key:
    """A public key written `<suite>:<base64>`."""

    def __init__(self, text, source, name="key"):
        string(text, source, name)
        suite, _, body = text.partition(":")
        if suite not in SUITES + (BLIND,):
            raise FormatError(f"{source}: “{name}” names an unknown suite")
        self.suite = suite
        self.text = text
        self.raw = b64(body, source, name)
        self.fingerprint = hashlib.sha256(self.raw).hexdigest()
        try:
            if suite == "ed25519":
                if len(self.raw) != 32:
                    raise ValueError("an Ed25519 key has 32 bytes")
                self._key = Ed25519PublicKey.from_public_bytes(self.raw)
            elif suite == BLIND:
                self._key = serialization.load_der_public_key(self.raw)
                if not isinstance(self._key, rsa.RSAPublicKey):
                    raise ValueError("not an RSA key")
            else:
                self._pem = _sm2_pem(self.raw)
        except ValueError as error:
            raise FormatError(f"{source}: “{name}” is not a {suite} key ({error})") from None

    def __eq__(self, other):
        return isinstance(other, Key) and self.text == other.text

    def __hash__(self):
        return hash(self.text)

    @property
    def bits(self):
        return self._key.key_size

    def verify(self, signature, message):
        """Whether `signature` is this key's over `message` (Ed25519 of RFC 8032; SM2 with SM3
        and the user id 1234567812345678)."""
        if self.suite == "ed25519":
            try:
                self._key.verify(signature, message)
                return True
            except InvalidSignature:
                return False
        if self.suite == "sm2":
            return _sm2_verify(self._pem, signature, message)
        raise FormatError("a blind-signing key signs credentials only")

    def verify_blind(self, signature, prefix, message):
        """RFC 9474 RSABSSA-SHA384-PSS-Randomized: RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48)
        over `prefix || message`."""
        try:
            self._key.verify(signature, prefix + message,
                             padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48), hashes.SHA384())
            return True
        except (InvalidSignature, ValueError):
            return False


SM2_CURVE_OID = bytes.fromhex("06082a811ccf5501822d")


def _sm2_pem(der):
    if SM2_CURVE_OID not in der:
        raise ValueError("not on the SM2 curve")
    body = base64.encodebytes(der).decode("ascii")
    return f"-----BEGIN PUBLIC KEY-----\n{body}-----END PUBLIC KEY-----\n".encode("ascii")


def _sm2_verify(pem, signature, message):
    """SM2 through the system's OpenSSL command: the `cryptography` package has no SM2
    signatures, and the command line is the reference docs/ballot-format.md §10 names."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, data in (("key.pem", pem), ("sig", signature), ("msg", message)):
            paths[name] = os.path.join(folder, name)
            with open(paths[name], "wb") as f:
                f.write(data)
        done = subprocess.run(
            ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin", "-digest", "sm3",
             "-pkeyopt", f"distid:{SM2_USER_ID}", "-in", paths["msg"], "-sigfile", paths["sig"]],
            capture_output=True)
        return done.returncode == 0


# §2 Envelopes ----------------------------------------------------------------------------------

def pae(payload_type, payload):
    """DSSE's pre-authentication encoding: what every signature covers."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d " % (len(kind), kind, len(payload)) + payload


class Envelope:
    """A signed file: `payloadType`, the exact `payload` bytes and the signatures."""

    def __init__(self, value, source):
        fields(value, source, ("payload", "payloadType", "signatures"))
        self.source = source
        self.payload_type = string(value["payloadType"], source, "payloadType")
        self.payload = b64(value["payload"], source, "payload")
        if not isinstance(value["signatures"], list):
            raise FormatError(f"{source}: “signatures” must be a list")
        self.signatures = []
        for item in value["signatures"]:
            fields(item, source, ("key", "sig", "suite"))
            self.signatures.append((string(item["suite"], source, "suite"), string(item["key"], source, "key"),
                                    b64(item["sig"], source, "sig")))
        self.signed_bytes = pae(self.payload_type, self.payload)

    @classmethod
    def read(cls, path, source):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise FormatError(f"{source}: the file is missing") from None
        return cls(loads(data, source), source)

    def is_signed_by(self, key):
        return any(suite == key.suite and fingerprint == key.fingerprint and key.verify(sig, self.signed_bytes)
                   for suite, fingerprint, sig in self.signatures)

    def require(self, key, role):
        if not self.is_signed_by(key):
            raise FormatError(f"{self.source}: no valid signature by the {role}")

    def decode(self, payload_type):
        """The payload of the expected type, in canonical form."""
        if self.payload_type != payload_type:
            raise FormatError(f"{self.source}: the file is “{self.payload_type}” where “{payload_type}” is expected")
        return canonical_payload(self.payload, self.source)


# Amounts (docs/ballot-format.md §4) ------------------------------------------------------------

def amount(text, source, name):
    """An amount in ten-thousandths, from its decimal text."""
    string(text, source, name)
    whole, dot, fraction = text.partition(".")
    if not whole.isdigit() or not whole.isascii() or (dot and (not fraction.isdigit() or len(fraction) > 4)):
        raise FormatError(f"{source}: “{name}” is not an amount")
    return int(whole) * 10000 + int((fraction or "0").ljust(4, "0"))


def amount_text(scaled):
    whole, fraction = divmod(scaled, 10000)
    return str(whole) if fraction == 0 else f"{whole}.{fraction:04d}".rstrip("0")
