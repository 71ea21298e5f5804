// The secretariat closes the box in the browser: the server makes the close record of the box
// as it stands, this page signs it with the secretariat's key file (never uploaded), and the
// server writes it if the box still holds exactly what the record names
// (Sources/ShishiTally/Result/BoxClose.swift).
import { ed25519KeyFromFile, fetchSignPost } from "./keyfile.js";

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
        await fetchSignPost(signer, "/api/box/close/signing", "/api/box/close", words.csrf, lang, { withDocument: true });
        location.reload();
    } catch (error) {
        answer.textContent = typeof error === "string" ? error : String(error.message || error);
        answer.className = "refused";
    }
});
