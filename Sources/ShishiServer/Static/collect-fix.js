// The office fixes the presidium's candidate list in the browser: the page asks the server for
// the list the workspace would fix (GET /office/collection/fix/signing, made by
// Collect.prepareFix in Sources/ShishiFollowUp/Collection/Collect+Fix.swift), shows it, and signs
// exactly those bytes with the secretariat's key file, read here and imported into WebCrypto.
// Only the signature and the public key are sent; the server fixes the list only if it is, byte
// for byte, the one it makes now (Collect.fixSigned).
import { base64ToBytes } from "./encoding.js";
import { ed25519KeyFromFile, postJSON, refusalWords, signPrepared } from "./keyfile.js";

const section = document.getElementById("fix-list");
const words = section.dataset;
const lang = words.lang === "en" ? "en" : "zh";
const answer = document.getElementById("fix-answer");
const previewButton = document.getElementById("fix-preview");
const signButton = document.getElementById("fix-sign");
let prepared = null;

function say(text, kind) {
    answer.replaceChildren(document.createTextNode(text));
    answer.className = kind;
}

function choices() {
    const query = new URLSearchParams();
    const drafts = document.getElementById("fix-drafts").value.trim();
    if (drafts) query.set("drafts", drafts);
    else query.set("candidates", document.getElementById("fix-count").value.trim());
    query.set("seats", document.getElementById("fix-seats").value.trim());
    return query;
}

// Any change to the choices makes the preview stale: it must be asked for again.
for (const input of section.querySelectorAll("input:not([type=file])")) {
    input.addEventListener("input", () => {
        prepared = null;
        signButton.disabled = true;
    });
}

previewButton.addEventListener("click", async () => {
    prepared = null;
    signButton.disabled = true;
    say("…", "");
    try {
        const response = await fetch("/office/collection/fix/signing?" + choices(), { headers: { Accept: "application/json" } });
        const signing = await response.json().catch(() => null);
        if (!response.ok) throw refusalWords(signing, response.status, lang);
        const list = JSON.parse(new TextDecoder().decode(base64ToBytes(signing.payload)));
        const heading = words.preview.replace("{seats}", list.seats).replace("{count}", list.candidates.length);
        const items = document.createElement("ol");
        for (const candidate of list.candidates) {
            const item = document.createElement("li");
            item.textContent = `${candidate.id} ${candidate.title}` + (candidate.department ? ` · ${candidate.department}` : "");
            items.append(item);
        }
        answer.replaceChildren(document.createTextNode(heading), items);
        answer.className = "";
        prepared = signing;
        signButton.disabled = false;
        signButton.focus();
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
    }
});

signButton.addEventListener("click", async () => {
    if (!prepared) return;
    signButton.disabled = true;
    try {
        const file = document.getElementById("fix-key").files[0];
        if (!file) throw words.notPrivate;
        const signer = await ed25519KeyFromFile(file, words);
        const signature = await signPrepared(signer, prepared);
        const body = { payloadType: prepared.payloadType, payload: prepared.payload, ...signature, publicKey: signer.publicKey };
        const reply = await postJSON("/office/collection/fix", body, words.csrf, lang);
        say(words.done + reply.hash, "done");
        previewButton.disabled = true;
        // The page of the fixed list, saying what was done.
        location.assign(`/office/collection?done=list-fixed-${reply.candidates}#fixed`);
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
        signButton.disabled = false;
    }
});
