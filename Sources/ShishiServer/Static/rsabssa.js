// RFC 9474 blind RSA signatures, the client's side, for RSABSSA-SHA384-PSS-Randomized:
// prepare (a random 32-byte prefix), EMSA-PSS encode (SHA-384, MGF1-SHA-384, 48-byte salt),
// blind, and finalize (unblind and verify). Written over BigInt and WebCrypto's SHA-384 and
// RSA-PSS, with no library. BigInt arithmetic is not constant-time: the blinding factor's
// timing is visible only to someone who can time this device itself.

import { base64ToBytes, bytesToBase64, bytesToHex, concat, hexToBytes } from "./encoding.js";

// The server's side, over OpenSSL, is Sources/ShishiCore/Crypto/BlindSigningKey.swift.

const HASH_LENGTH = 48;
const SALT_LENGTH = 48;
export const PREFIX_LENGTH = 32;

function bytesToBigInt(bytes) {
    return bytes.length === 0 ? 0n : BigInt("0x" + bytesToHex(bytes));
}

function bigIntToBytes(value, length) {
    const hex = value.toString(16).padStart(length * 2, "0");
    if (hex.length > length * 2) throw new Error("integer too large");
    return hexToBytes(hex);
}

function modPow(base, exponent, modulus) {
    let result = 1n;
    base %= modulus;
    while (exponent > 0n) {
        if (exponent & 1n) result = (result * base) % modulus;
        exponent >>= 1n;
        base = (base * base) % modulus;
    }
    return result;
}

function modInverse(a, m) {
    let [oldR, r] = [a % m, m];
    let [oldS, s] = [1n, 0n];
    while (r !== 0n) {
        const q = oldR / r;
        [oldR, r] = [r, oldR - q * r];
        [oldS, s] = [s, oldS - q * s];
    }
    if (oldR !== 1n) throw new Error("not invertible");
    return ((oldS % m) + m) % m;
}

function gcd(a, b) {
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
}

async function sha384(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
}

async function mgf1(seed, length) {
    const out = new Uint8Array(length);
    for (let counter = 0, at = 0; at < length; counter++) {
        const c = new Uint8Array([counter >>> 24, (counter >>> 16) & 255, (counter >>> 8) & 255, counter & 255]);
        const block = await sha384(concat(seed, c));
        out.set(block.subarray(0, Math.min(block.length, length - at)), at);
        at += block.length;
    }
    return out;
}

function randomBytes(length) {
    return crypto.getRandomValues(new Uint8Array(length));
}

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of `message` for a modulus of `modBits` bits.
export async function encodePSS(message, modBits, salt) {
    const emBits = modBits - 1;
    const emLength = Math.ceil(emBits / 8);
    const mHash = await sha384(message);
    if (emLength < HASH_LENGTH + SALT_LENGTH + 2) throw new Error("modulus too small");
    const h = await sha384(concat(new Uint8Array(8), mHash, salt));
    const db = concat(new Uint8Array(emLength - SALT_LENGTH - HASH_LENGTH - 2), new Uint8Array([1]), salt);
    const mask = await mgf1(h, emLength - HASH_LENGTH - 1);
    const masked = db.map((b, i) => b ^ mask[i]);
    masked[0] &= 0xff >>> (8 * emLength - emBits);
    return concat(masked, h, new Uint8Array([0xbc]));
}

/// The registrar's public key, from its SubjectPublicKeyInfo (DER).
export async function importPublicKey(spki) {
    const key = await crypto.subtle.importKey("spki", spki, { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
    const jwk = await crypto.subtle.exportKey("jwk", key);
    const n = bytesToBigInt(base64ToBytes(jwk.n));
    const e = bytesToBigInt(base64ToBytes(jwk.e));
    const modBits = n.toString(2).length;
    return { key, n, e, modBits, modLength: Math.ceil(modBits / 8) };
}

/// Prepares and blinds `message` (RFC 9474 §4.1–4.2). `fixed` (prefix, salt, r) is for the
/// published test vector only; in use they come from the browser's secure random source.
export async function blind(publicKey, message, fixed = {}) {
    const prefix = fixed.prefix ?? randomBytes(PREFIX_LENGTH);
    const prepared = concat(prefix, message);
    const encoded = await encodePSS(prepared, publicKey.modBits, fixed.salt ?? randomBytes(SALT_LENGTH));
    const m = bytesToBigInt(encoded);
    if (gcd(m, publicKey.n) !== 1n) throw new Error("invalid input");
    let r = fixed.r;
    while (r === undefined) {
        const candidate = bytesToBigInt(randomBytes(publicKey.modLength)) % publicKey.n;
        if (candidate > 1n && gcd(candidate, publicKey.n) === 1n) r = candidate;
    }
    const inv = modInverse(r, publicKey.n);
    const x = modPow(r, publicKey.e, publicKey.n);
    const z = (m * x) % publicKey.n;
    return { prefix, prepared, inv, blindedMessage: bigIntToBytes(z, publicKey.modLength) };
}

/// Unblinds the registrar's answer and checks it is a valid RSA-PSS signature (RFC 9474 §4.4).
export async function finalize(publicKey, state, blindSignature) {
    if (blindSignature.length !== publicKey.modLength) throw new Error("unexpected signature size");
    const z = bytesToBigInt(blindSignature);
    const s = (z * state.inv) % publicKey.n;
    const signature = bigIntToBytes(s, publicKey.modLength);
    const valid = await crypto.subtle.verify({ name: "RSA-PSS", saltLength: SALT_LENGTH }, publicKey.key, signature, state.prepared);
    if (!valid) throw new Error("the registrar's signature does not verify");
    return signature;
}

/// Checks this module against RFC 9474's published vector: the blinded message, the
/// unblinded signature and its verification must all come out as published.
export async function selfTest(vector) {
    const n = BigInt("0x" + vector.n);
    const e = BigInt("0x" + vector.e);
    const modBits = n.toString(2).length;
    const jwk = { kty: "RSA", n: bytesToBase64Url(hexToBytes(vector.n)), e: bytesToBase64Url(hexToBytes(vector.e)), alg: "PS384", ext: true };
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
    const publicKey = { key, n, e, modBits, modLength: Math.ceil(modBits / 8) };
    const r = modInverse(BigInt("0x" + vector.inv), n);
    const state = await blind(publicKey, hexToBytes(vector.msg), { prefix: hexToBytes(vector.msgPrefix), salt: hexToBytes(vector.salt), r });
    if (bytesToHex(state.prepared) !== vector.preparedMsg) throw new Error("prepared message differs from RFC 9474");
    if (bytesToHex(state.blindedMessage) !== vector.blindedMsg) throw new Error("blinded message differs from RFC 9474");
    const signature = await finalize(publicKey, state, hexToBytes(vector.blindSig));
    if (bytesToHex(signature) !== vector.sig) throw new Error("signature differs from RFC 9474");
    return true;
}

function bytesToBase64Url(bytes) {
    return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
