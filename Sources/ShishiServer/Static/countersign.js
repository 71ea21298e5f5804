// A scrutineer countersigns in the browser, the result or a paper box: the key file is read
// here, imported into WebCrypto (Ed25519), and used to sign the document's DSSE bytes; only the
// signature is sent. The server checks it with the same verifier as `shishi verify` (and, for
// the result, after a recount: Sources/ShishiTally/Result/ResultFile.swift, and
// Sources/ShishiBallot/Paper/PaperEntry.swift for a box).
import { ed25519KeyFromFile, fetchSignPost } from "./keyfile.js";

const section = document.getElementById("countersign");
const file = document.getElementById("key-file");
const answer = document.getElementById("countersign-answer");
const words = section.dataset;
const lang = words.lang === "en" ? "en" : "zh";

function say(text, kind) {
    answer.textContent = text;
    answer.className = kind;
}

/// Puts the answer where the scrutineer looks: beside the button just pressed.
function beside(button) {
    const cell = button.closest("td");
    if (cell) cell.append(answer);
    else button.parentElement.after(answer);
}

async function countersign(button, signingPath, postPath, done, signed) {
    beside(button);
    say("…", "");
    button.disabled = true;
    try {
        if (!file.files[0]) throw words.notPrivate;
        const signer = await ed25519KeyFromFile(file.files[0], words);
        const reply = await fetchSignPost(signer, signingPath, postPath, words.csrf, lang);
        const names = (reply.signers || reply.scrutineers).join(lang === "en" ? ", " : "、");
        say(done + names, "done");
        signed(names);
        // Done for this key: the button now offers only another scrutineer's signature.
        button.textContent = words.another;
        button.classList.add("secondary");
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
    }
    button.disabled = false;
    answer.scrollIntoView({ block: "nearest" });
}

const resultButton = document.getElementById("sign-result");
resultButton?.addEventListener("click", () =>
    countersign(resultButton, "/api/result/signing", "/api/result/countersign", words.done, () => {}));
for (const button of document.querySelectorAll("button.sign-box")) {
    const box = button.dataset.box;
    button.addEventListener("click", () =>
        countersign(button, `/api/paper/${box}/signing`, `/api/paper/${box}/countersign`, words.boxDone.replace("{box}", box), (names) => {
            // The table says it at once: who has countersigned the box.
            button.closest("tr").querySelector("td.box-signers").textContent = names;
        }));
}
