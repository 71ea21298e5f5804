// Officials' key files in the browser: a shishi private key file (shishi/private-key/v1, the
// Ed25519 seed in base64, as Sources/ShishiCore/Keys/KeyFile.swift writes it) imported into
// WebCrypto, and the one way a page signs a document the server prepared: fetch it, sign its
// DSSE bytes, post the signature. Nothing of the key leaves the browser.
import { base64ToBytes, bytesToBase64, bytesToHex, dsse } from "./encoding.js";

// PKCS #8 for an Ed25519 private key (RFC 8410) wraps the 32-byte seed after this prefix.
const pkcs8Prefix = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * Reads `file` (a shishi private key file) and imports its Ed25519 key: the signing key and the
 * fingerprint of its public key (hex SHA-256 of the raw public key, as shishi names signers),
 * and the raw public key in base64 (for a server that does not know the signer's key yet).
 * `words` holds the refusals' wording (notPrivate, notEd25519).
 */
export async function ed25519KeyFromFile(file, words) {
    let json;
    try {
        json = JSON.parse(await file.text());
    } catch {
        throw words.notPrivate;
    }
    if (json.format !== "shishi/private-key/v1" || typeof json.key !== "string") throw words.notPrivate;
    if (json.suite !== "ed25519") throw words.notEd25519;
    const seed = base64ToBytes(json.key);
    if (seed.length !== 32) throw words.notPrivate;
    const pkcs8 = new Uint8Array(pkcs8Prefix.length + 32);
    pkcs8.set(pkcs8Prefix);
    pkcs8.set(seed, pkcs8Prefix.length);
    const extractable = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", extractable);
    const publicKey = base64ToBytes(jwk.x);
    const fingerprint = bytesToHex(await crypto.subtle.digest("SHA-256", publicKey));
    const key = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
    return { key, fingerprint, publicKey: bytesToBase64(publicKey), name: json.name };
}

/** The refusal's words in `lang`, from a JSON answer `{error, message}`, else the status. */
export function refusalWords(reply, status, lang) {
    return reply?.message?.[lang] ?? reply?.error ?? String(status);
}

/** Posts `body` as JSON with the session's token; the answer's JSON, or its refusal thrown in words. */
export async function postJSON(path, body, csrf, lang) {
    const response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body),
    });
    const reply = await response.json().catch(() => null);
    if (!response.ok) throw refusalWords(reply, response.status, lang);
    return reply;
}

/**
 * The signature of `signer` (from ``ed25519KeyFromFile``) over a document the server prepared:
 * `signing` is `{payloadType, payload}` (the payload in base64), as the server's signing
 * requests answer; `check(payload)` may refuse to sign what the page did not ask for.
 * Returns what every signed post carries: `{key, sig, suite}`.
 */
export async function signPrepared(signer, signing, check = () => true) {
    const payload = base64ToBytes(signing.payload);
    if (!check(payload)) return null;
    const signature = await crypto.subtle.sign("Ed25519", signer.key, dsse(signing.payloadType, payload));
    return { key: signer.fingerprint, sig: bytesToBase64(signature), suite: "ed25519" };
}

/** Fetches the document to sign at `signingPath`, signs it, and posts the signature to `postPath`. */
export async function fetchSignPost(signer, signingPath, postPath, csrf, lang, { withDocument = false } = {}) {
    const request = await fetch(signingPath, { headers: { Accept: "application/json" } });
    const signing = await request.json().catch(() => null);
    if (!request.ok) throw refusalWords(signing, request.status, lang);
    const signature = await signPrepared(signer, signing);
    const body = withDocument ? { payloadType: signing.payloadType, payload: signing.payload, ...signature } : signature;
    return postJSON(postPath, body, csrf, lang);
}
