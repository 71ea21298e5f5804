// A counter enters a paper box from the keyboard: one line per ballot, one character per
// project in the candidates' order. The page keeps a running check (lines, over-marked, blank,
// lines in error), builds the same CSV `shishi paper enter` reads, asks the server for the batch
// it would sign, checks that batch against what was typed, and signs it here with the counter's
// key file (Ed25519, WebCrypto); the key never leaves the browser.
import { ed25519KeyFromFile, dsse, base64, base64Bytes } from "./keyfile.js";

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
        const headers = { "Content-Type": "application/json", "X-CSRF-Token": words.csrf };
        const prepared = await fetch("/api/paper/prepare", {
            method: "POST", headers,
            body: JSON.stringify({ box, issued, takenOut, csv: base64(csvBytes), key: signer.fingerprint }),
        });
        const signing = await prepared.json();
        if (!prepared.ok) throw signing.message ? signing.message[lang] : String(prepared.status);
        // Sign only what was typed: the batch must hold exactly these ballots and counts.
        const payload = base64Bytes(signing.payload);
        const batch = JSON.parse(new TextDecoder().decode(payload));
        const same = batch.box === box && batch.issued === issued && batch.takenOut === takenOut && batch.ballots.length === ballots.length &&
            batch.ballots.every((b, i) => ids.every((id, j) => (b.marks[id] ?? null) === ballots[i].marks[j]) && Object.keys(b.marks).every((id) => ids.includes(id)));
        if (!same) throw words.mismatch;
        const signature = await crypto.subtle.sign("Ed25519", signer.key, dsse(signing.payloadType, payload));
        const submitted = await fetch("/api/paper/submit", {
            method: "POST", headers,
            body: JSON.stringify({ payloadType: signing.payloadType, payload: signing.payload, key: signer.fingerprint, sig: base64(new Uint8Array(signature)), csv: base64(csvBytes) }),
        });
        const reply = await submitted.json();
        if (!submitted.ok) throw reply.message ? reply.message[lang] : String(submitted.status);
        say(words.done.replace("{box}", String(reply.box)).replace("{n}", String(reply.ballots)), "done");
        rows.value = "";
        update();
    } catch (error) {
        say(typeof error === "string" ? error : String(error.message || error), "refused");
    }
});
update();
