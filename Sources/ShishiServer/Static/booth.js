// The voting booth (投票终端), in the deputy's browser. It redeems the desk's one-time code for an
// anonymous credential — a one-time Ed25519 key made here (WebCrypto, not extractable) whose public
// half the registrar signs blind (RFC 9474, rsabssa.js) — then signs the ballot with that key and
// casts it. The private key and the credential never leave this page; the server sees a blinded
// message, then a ballot signed by a key it has never seen. It does what the command-line terminal
// does (Sources/ShishiBallot/Credential/VotingTerminal.swift, Ballot/BallotCaster.swift).
import { importPublicKey, blind, finalize, selfTest } from "./rsabssa.js";
import { base64ToBytes, bytesToBase64, bytesToHex, dsse, sha256 } from "./encoding.js";
import { rfc9474 } from "./rfc9474-vector.js";

const booth = document.getElementById("booth");
const message = document.getElementById("message");
const encoder = new TextEncoder();
const seats = Number(booth.dataset.seats);
const style = booth.dataset.style;
const language = booth.dataset.lang;
let credential = null;
let vote = null;

function show(step) {
    for (const id of ["step-code", "step-mark", "step-review", "step-done"]) {
        document.getElementById(id).hidden = id !== step;
    }
    const heading = document.querySelector(`#${step} h2`);
    heading.tabIndex = -1;
    heading.focus();
}

function say(text) {
    message.textContent = text;
    message.hidden = !text;
}

function refusal(answer) {
    return answer?.message?.[language] ?? answer?.error ?? "error";
}

async function loadVote() {
    const envelope = await (await fetch("/api/vote")).json();
    const payload = base64ToBytes(envelope.payload);
    const manifest = JSON.parse(new TextDecoder().decode(payload));
    if (manifest.hash !== "sha256" || manifest.suite !== "ed25519") throw new Error("unsupported suite");
    const blindKey = await importPublicKey(base64ToBytes(manifest.keys.blind.split(":")[1]));
    return { manifest, hash: "sha256:" + bytesToHex(await sha256(payload)), blindKey };
}

async function getCredential(code) {
    vote = vote ?? (await loadVote());
    const keys = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", keys.publicKey));
    const keyText = "ed25519:" + bytesToBase64(raw);
    const state = await blind(vote.blindKey, dsse("shishi/credential-key/v1", encoder.encode(`${vote.hash}\n${keyText}`)));
    const response = await fetch("/api/credential", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ blindedMessage: bytesToBase64(state.blindedMessage), code }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(refusal(answer));
    const signature = await finalize(vote.blindKey, state, base64ToBytes(answer.blindSignature));
    return { keys, keyText, fingerprint: bytesToHex(await sha256(raw)), prefix: state.prefix, signature };
}

/// The marks of the form: candidate id → mark, abstentions left out.
function marks() {
    const out = {};
    for (const input of document.querySelectorAll("#mark-form input:checked")) {
        if (input.value) out[input.dataset.candidate] = input.value;
    }
    return out;
}

function yesCount() {
    return Object.values(marks()).filter((mark) => mark === "yes").length;
}

/// The ballot's payload exactly as shishi writes it: compact JSON, keys sorted at every level.
function ballotPayload(chosen) {
    const ids = Object.keys(chosen).sort();
    const marksText = ids.map((id) => `${JSON.stringify(id)}:${JSON.stringify(chosen[id])}`).join(",");
    const credentialText = `{"key":${JSON.stringify(credential.keyText)},"prefix":"${bytesToBase64(credential.prefix)}","registrarSignature":"${bytesToBase64(credential.signature)}"}`;
    return encoder.encode(`{"credential":${credentialText},"marks":{${marksText}},"round":${vote.manifest.round},"vote":"${vote.hash}"}`);
}

async function cast() {
    const payload = ballotPayload(marks());
    const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, credential.keys.privateKey, dsse("shishi/ballot/v1", payload)));
    const envelope = `{"payload":"${bytesToBase64(payload)}","payloadType":"shishi/ballot/v1","signatures":[{"key":"${credential.fingerprint}","sig":"${bytesToBase64(signature)}","suite":"ed25519"}]}`;
    // The same bytes are sent again when an answer does not arrive (the hall's Wi-Fi drops): the
    // server answers a ballot that already landed with its tracker (BallotCaster), never an error.
    for (let attempt = 1; ; attempt++) {
        let response;
        try {
            response = await fetch("/api/cast", { method: "POST", headers: { "Content-Type": "application/json" }, body: envelope });
        } catch (lost) {
            if (attempt >= castAttempts) throw new Error(booth.dataset.castLost || String(lost));
            await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
            continue;
        }
        if (response.status >= 502 && response.status <= 504 && attempt < castAttempts) {
            await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
            continue;
        }
        const answer = await response.json();
        if (!response.ok) throw new Error(refusal(answer));
        return answer.tracker;
    }
}

/// How many times the booth sends a ballot whose answer did not arrive before it says so.
const castAttempts = 4;

/// The shape and word of each mark on the review screen: never colour alone.
const symbols = { yes: "✔", no: "✖", "": "○", satisfied: "✔", "basically-satisfied": "◐", unsatisfied: "✖" };

/// The review: a summary first (how many of each mark), then the projects grouped by mark, each
/// group under its mark's shape and word, so a deputy checks the yes list at a glance.
function review() {
    const groups = new Map();
    for (const fieldset of document.querySelectorAll("#mark-form fieldset")) {
        const checked = fieldset.querySelector("input:checked");
        const value = checked ? checked.value : "";
        const label = checked ? checked.parentElement.textContent.trim() : (style === "approval" ? "—" : booth.dataset.summaryAbstain);
        if (!groups.has(value)) groups.set(value, { label, items: [] });
        groups.get(value).items.push(fieldset.querySelector("legend").textContent.trim());
    }
    const order = [...document.querySelector("#mark-form fieldset").querySelectorAll("input")].map((input) => input.value);
    if (!order.includes("")) order.push("");
    const list = document.getElementById("review-list");
    list.replaceChildren();
    const summary = document.createElement("p");
    summary.className = "review-summary";
    summary.textContent = order.filter((value) => groups.has(value))
        .map((value) => `${symbols[value] ?? ""} ${groups.get(value).label} ${groups.get(value).items.length}`)
        .join(language === "zh" ? "　" : " · ");
    list.append(summary);
    for (const value of order) {
        const group = groups.get(value);
        if (!group) continue;
        const section = document.createElement("section");
        section.className = "mark-group";
        section.dataset.mark = value;
        const heading = document.createElement("h3");
        const count = language === "zh" ? `（${group.items.length}）` : ` (${group.items.length})`;
        heading.textContent = `${symbols[value] ?? ""} ${group.label}${count}`;
        const items = document.createElement("ul");
        for (const title of group.items) {
            const item = document.createElement("li");
            item.textContent = title;
            items.append(item);
        }
        section.append(heading, items);
        list.append(section);
    }
    show("step-review");
}

async function busy(button, work) {
    button.disabled = true;
    say(booth.dataset.working);
    try {
        await work();
        say("");
    } catch (error) {
        say(error.message);
    } finally {
        button.disabled = false;
    }
}

// A code from the QR code's address: put in the field, and taken out of the address bar and
// history; also when the address changes only in its hash (a second QR code in the same tab).
function codeFromAddress() {
    const fromAddress = decodeURIComponent(location.hash.slice(1));
    if (!fromAddress) return;
    document.getElementById("code").value = fromAddress;
    history.replaceState(null, "", location.pathname);
}
codeFromAddress();
window.addEventListener("hashchange", codeFromAddress);

// The published vector first: a browser whose arithmetic is wrong never makes a credential. The
// button stays disabled until then (the page sends it so), so no tap before this script has run can
// submit the form by itself.
const preparing = document.getElementById("preparing");
try {
    await selfTest(rfc9474);
    document.body.dataset.selfTest = "passed";
    document.getElementById("get-credential").disabled = false;
    preparing.hidden = true;
} catch (error) {
    document.body.dataset.selfTest = "failed";
    preparing.hidden = true;
    say(booth.dataset.selfTestFailed + " (" + error.message + ")");
}

document.getElementById("code-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const button = document.getElementById("get-credential");
    busy(button, async () => {
        credential = await getCredential(document.getElementById("code").value.trim().toUpperCase());
        show("step-mark");
    });
});

/// Says `text` at the project the deputy just touched, where the finger and the eyes are (the
/// message at the top of the page is off screen by then); clears every other such note.
function sayAt(fieldset, text) {
    for (const note of document.querySelectorAll("#mark-form .limit-note")) note.remove();
    if (!text) return;
    const note = document.createElement("p");
    note.className = "limit-note";
    note.setAttribute("role", "alert");
    note.textContent = text;
    fieldset.append(note);
    note.scrollIntoView({ block: "nearest" });
}

document.getElementById("mark-form").addEventListener("change", (event) => {
    const fieldset = event.target.closest("fieldset");
    if (style !== "rating" && yesCount() > seats) {
        event.target.checked = false;
        const abstain = document.querySelector(`#mark-form input[data-candidate="${CSS.escape(event.target.dataset.candidate)}"][value=""]`);
        if (abstain) abstain.checked = true;
        sayAt(fieldset, `${booth.dataset.tooMany} (${seats})`);
    } else {
        sayAt(fieldset, "");
    }
    say("");
    const count = document.getElementById("yes-count");
    if (count) count.textContent = String(yesCount());
});

document.getElementById("mark-form").addEventListener("submit", (event) => {
    event.preventDefault();
    review();
});

document.getElementById("back").addEventListener("click", () => show("step-mark"));

document.getElementById("cast").addEventListener("click", (event) => {
    busy(event.target, async () => {
        const tracker = await cast();
        credential = null;  // cast once: the key is dropped with the page's state
        document.getElementById("tracker").textContent = tracker;
        const image = document.createElement("img");
        // The QR code opens the public board with the tracker filled in: after the count, any
        // phone camera checks the receipt there.
        image.src = `/api/qr?text=${encodeURIComponent(`${location.origin}/board#tracker=${tracker.split(":").pop()}`)}`;
        image.alt = tracker;
        document.getElementById("tracker-qr").replaceChildren(image);
        show("step-done");
    });
});
