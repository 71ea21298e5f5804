// The secretariat closes the box in the browser: the server makes the close record of the box
// as it stands, this page signs it with the secretariat's key file (never uploaded), and the
// server writes it if the box still holds exactly what the record names.
import { ed25519KeyFromFile, dsse, base64, base64Bytes } from "./keyfile.js";

const section = document.getElementById("close-with-key");
const words = section.dataset;
const lang = words.lang === "en" ? "en" : "zh";
const answer = document.getElementById("close-answer");

document.getElementById("close-signed").addEventListener("click", async () => {
    answer.textContent = "…";
    answer.className = "";
    try {
        const file = document.getElementById("close-key-file").files[0];
        if (!file) throw words.notPrivate;
        const signer = await ed25519KeyFromFile(file, words);
        const request = await fetch("/api/box/close/signing", { headers: { Accept: "application/json" } });
        const signing = await request.json();
        if (!request.ok) throw signing.message ? signing.message[lang] : String(request.status);
        const signature = await crypto.subtle.sign("Ed25519", signer.key, dsse(signing.payloadType, base64Bytes(signing.payload)));
        const response = await fetch("/api/box/close", {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": words.csrf },
            body: JSON.stringify({ payloadType: signing.payloadType, payload: signing.payload, key: signer.fingerprint, sig: base64(new Uint8Array(signature)), suite: "ed25519" }),
        });
        const reply = await response.json();
        if (!response.ok) throw reply.message ? reply.message[lang] : String(response.status);
        location.reload();
    } catch (error) {
        answer.textContent = typeof error === "string" ? error : String(error.message || error);
        answer.className = "refused";
    }
});
