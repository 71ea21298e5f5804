// Officials' key files in the browser: a shishi private key file (shishi/private-key/v1, the
// Ed25519 seed in base64) imported into WebCrypto, and the DSSE bytes every shishi signature
// covers. Nothing here leaves the browser.

/** Standard base64 of bytes. */
export function base64(bytes) {
    let text = "";
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
}

/** The bytes of standard (or URL-safe) base64. */
export function base64Bytes(text) {
    const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "="));
    return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** DSSE's pre-authentication encoding: "DSSEv1 <len(type)> <type> <len(payload)> <payload>". */
export function dsse(type, payload) {
    const head = new TextEncoder().encode(`DSSEv1 ${new TextEncoder().encode(type).length} ${type} ${payload.length} `);
    const out = new Uint8Array(head.length + payload.length);
    out.set(head);
    out.set(payload, head.length);
    return out;
}

// PKCS #8 for an Ed25519 private key (RFC 8410) wraps the 32-byte seed after this prefix.
const pkcs8Prefix = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * Reads `file` (a shishi private key file) and imports its Ed25519 key: the signing key and the
 * fingerprint of its public key (hex SHA-256 of the raw public key, as shishi names signers).
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
    const seed = base64Bytes(json.key);
    if (seed.length !== 32) throw words.notPrivate;
    const pkcs8 = new Uint8Array(pkcs8Prefix.length + 32);
    pkcs8.set(pkcs8Prefix);
    pkcs8.set(seed, pkcs8Prefix.length);
    const extractable = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", extractable);
    const publicKey = base64Bytes(jwk.x);
    const fingerprint = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", publicKey)));
    const key = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
    return { key, fingerprint, name: json.name };
}
