// A scrutineer countersigns in the browser, the result or a paper box: the key file is read
// here, imported into WebCrypto (Ed25519), and used to sign the document's DSSE bytes; only the
// signature is sent. The server checks it with the same verifier as `shishi verify` (and, for
// the result, after a recount).
import { ed25519KeyFromFile, dsse, base64, base64Bytes } from "./keyfile.js";

const section = document.getElementById("countersign");
const file = document.getElementById("key-file");
const answer = document.getElementById("countersign-answer");
const words = section.dataset;
const lang = words.lang === "en" ? "en" : "zh";

function say(text, kind) {
    answer.textContent = text;
    answer.className = kind;
}

async function countersign(signingPath, postPath, done) {
    say("…", "");
    try {
        if (!file.files[0]) throw words.notPrivate;
        const signer = await ed25519KeyFromFile(file.files[0], words);
        const request = await fetch(signingPath, { headers: { Accept: "application/json" } });
        const signing = await request.json();
        if (!request.ok) throw signing.message ? signing.message[lang] : String(request.status);
        const signature = await crypto.subtle.sign("Ed25519", signer.key, dsse(signing.payloadType, base64Bytes(signing.payload)));
        const response = await fetch(postPath, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": words.csrf },
            body: JSON.stringify({ key: signer.fingerprint, sig: base64(new Uint8Array(signature)), suite: "ed25519" }),
        });
        const reply = await response.json();
        if (!response.ok) throw reply.message ? reply.message[lang] : String(response.status);
        say(done + (reply.signers || reply.scrutineers).join(lang === "en" ? ", " : "、"), "done");
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
    }
}

document.getElementById("sign-result")?.addEventListener("click", () =>
    countersign("/api/result/signing", "/api/result/countersign", words.done));
for (const button of document.querySelectorAll("button.sign-box")) {
    const box = button.dataset.box;
    button.addEventListener("click", () =>
        countersign(`/api/paper/${box}/signing`, `/api/paper/${box}/countersign`, words.boxDone.replace("{box}", box)));
}
