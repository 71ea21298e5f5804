// A scrutineer countersigns the result in the browser: the key file is read here, imported into
// WebCrypto (Ed25519), and used to sign the result's DSSE bytes; only the signature is sent.
// The server checks it with the same verifier as `shishi verify`, after a recount.
import { ed25519KeyFromFile, dsse, base64, base64Bytes } from "./keyfile.js";

const section = document.getElementById("countersign");
const form = document.getElementById("countersign-form");
const file = document.getElementById("key-file");
const answer = document.getElementById("countersign-answer");
const words = section.dataset;
const lang = words.lang === "en" ? "en" : "zh";

function say(text, kind) {
    answer.textContent = text;
    answer.className = kind;
}

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("…", "");
    try {
        const signer = await ed25519KeyFromFile(file.files[0], words);
        const request = await fetch("/api/result/signing", { headers: { Accept: "application/json" } });
        const signing = await request.json();
        if (!request.ok) throw signing.message ? signing.message[lang] : String(request.status);
        const signature = await crypto.subtle.sign("Ed25519", signer.key, dsse(signing.payloadType, base64Bytes(signing.payload)));
        const response = await fetch("/api/result/countersign", {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": words.csrf },
            body: JSON.stringify({ key: signer.fingerprint, sig: base64(new Uint8Array(signature)), suite: "ed25519" }),
        });
        const reply = await response.json();
        if (!response.ok) throw reply.message ? reply.message[lang] : String(response.status);
        say(words.done + reply.signers.join(lang === "en" ? ", " : "、"), "done");
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
    }
});
