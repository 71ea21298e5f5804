// A counter enters a paper box from the keyboard: one line per ballot, one character per
// project in the candidates' order. The page keeps a running check (lines, over-marked, blank,
// lines in error), builds the same CSV `shishi paper enter` reads, asks the server for the batch
// it would sign, checks that batch against what was typed, and signs it here with the counter's
// key file (Ed25519, WebCrypto); the key never leaves the browser. The batch is
// Sources/ShishiBallot/Paper/PaperBatch.swift; the running check is PaperBallot.isValid there.
import { ed25519KeyFromFile, postJSON, signPrepared } from "./keyfile.js";
import { base64ToBytes, bytesToBase64 } from "./encoding.js";

const section = document.getElementById("paper");
const words = section.dataset;
const lang = words.lang === "en" ? "en" : "zh";
const ids = words.ids.split(",");
const seats = Number(words.seats);
const rating = words.style === "rating";
const rows = document.getElementById("rows");
const answer = document.getElementById("paper-answer");

// A typed character: the CSV cell and the mark the batch records (null: abstain).
const cells = rating
    ? { S: ["S", "satisfied"], B: ["B", "basically-satisfied"], U: ["U", "unsatisfied"], "-": ["", null], "?": ["?", "unclear"] }
    : { Y: ["Y", "yes"], N: ["N", "no"], "-": ["", null], "?": ["?", "unclear"] };

/** The typed lines, read: each ballot's cells and marks, and the lines in error. */
function read() {
    const lines = rows.value.split("\n");
    while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
    const ballots = [];
    const errors = [];
    lines.forEach((line, index) => {
        const typed = line.replace(/\s+$/, "").toUpperCase().padEnd(ids.length, "-").replace(/ /g, "-");
        const chars = Array.from(typed);
        if (chars.length !== ids.length || chars.some((c) => !(c in cells))) {
            errors.push(index + 1);
            return;
        }
        ballots.push({ line: index + 1, cells: chars.map((c) => cells[c][0]), marks: chars.map((c) => cells[c][1]) });
    });
    return { ballots, errors, lines: lines.length };
}

function update() {
    const { ballots, errors, lines } = read();
    const over = rating ? 0 : ballots.filter((b) => b.marks.filter((m) => m === "yes").length > seats).length;
    const blank = ballots.filter((b) => b.marks.every((m) => m === null)).length;
    document.getElementById("count-rows").textContent = String(lines);
    document.getElementById("count-over").textContent = String(over);
    document.getElementById("count-blank").textContent = String(blank);
    document.getElementById("count-errors").textContent = String(errors.length);
    document.getElementById("errors").textContent = errors.length ? errors.join(", ") : "";
}
rows.addEventListener("input", update);

function say(text, kind) {
    answer.textContent = text;
    answer.className = kind;
}

document.getElementById("sign-box").addEventListener("click", async () => {
    say("…", "");
    try {
        const box = Number(document.getElementById("box").value);
        const issued = Number(document.getElementById("issued").value);
        const takenOut = Number(document.getElementById("taken-out").value);
        const { ballots, errors, lines } = read();
        if (errors.length || lines !== takenOut) throw words.needRows;
        const file = document.getElementById("key-file").files[0];
        if (!file) throw words.notPrivate;
        const signer = await ed25519KeyFromFile(file, words);
        const csv = ["serial," + ids.join(","), ...ballots.map((b, i) => `P${box}-${i + 1},` + b.cells.join(","))].join("\n") + "\n";
        const csvBytes = new TextEncoder().encode(csv);
        const signing = await postJSON("/api/paper/prepare", { box, issued, takenOut, csv: bytesToBase64(csvBytes), key: signer.fingerprint }, words.csrf, lang);
        // Sign only what was typed: the batch must hold exactly these ballots and counts.
        const signature = await signPrepared(signer, signing, (payload) => {
            const batch = JSON.parse(new TextDecoder().decode(payload));
            return batch.box === box && batch.issued === issued && batch.takenOut === takenOut && batch.ballots.length === ballots.length &&
                batch.ballots.every((b, i) => ids.every((id, j) => (b.marks[id] ?? null) === ballots[i].marks[j]) && Object.keys(b.marks).every((id) => ids.includes(id)));
        });
        if (!signature) throw words.mismatch;
        const reply = await postJSON("/api/paper/submit", { payloadType: signing.payloadType, payload: signing.payload, ...signature, csv: bytesToBase64(csvBytes) }, words.csrf, lang);
        say(words.done.replace("{box}", String(reply.box)).replace("{n}", String(reply.ballots)), "done");
        rows.value = "";
        update();
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
    }
});
update();
