// Bytes as shishi writes them, in the browser: hex (Sources/ShishiCore/Encoding/Data+Hex.swift),
// base64 (CanonicalBase64.swift; URL-safe and unpadded read too, as JWK writes it), joined bytes,
// SHA-256, and DSSE's pre-authentication encoding that every shishi signature covers
// (SignedEnvelope.swift). The one home of these in the browser; every page's script imports them.

const encoder = new TextEncoder();

/** The bytes of lowercase or uppercase hex. */
export function hexToBytes(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
}

/** Lowercase hex of bytes (an ArrayBuffer or a Uint8Array). */
export function bytesToHex(bytes) {
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Standard base64 of bytes. */
export function bytesToBase64(bytes) {
    let text = "";
    for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
    return btoa(text);
}

/** The bytes of standard or URL-safe base64, padded or not. */
export function base64ToBytes(text) {
    const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "="));
    return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

/** The parts, one after another. */
export function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}

/** SHA-256 of the parts, joined. */
export async function sha256(...parts) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", concat(...parts)));
}

/** DSSE's pre-authentication encoding: "DSSEv1 <len(type)> <type> <len(payload)> <payload>". */
export function dsse(type, payload) {
    return concat(encoder.encode(`DSSEv1 ${encoder.encode(type).length} ${type} ${payload.length} `), payload);
}
