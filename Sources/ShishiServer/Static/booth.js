// The voting booth (投票终端), in the deputy's browser. It redeems the desk's one-time code for an
// anonymous credential — a one-time Ed25519 key made here (WebCrypto, not extractable) whose public
// half the registrar signs blind (RFC 9474, rsabssa.js) — then signs the ballot with that key and
// casts it. The private key and the credential never leave this page; the server sees a blinded
// message, then a ballot signed by a key it has never seen.
import { importPublicKey, blind, finalize, selfTest, base64ToBytes, bytesToBase64, bytesToHex, concat } from "./rsabssa.js";
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

async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/// DSSE's pre-authentication encoding, as every shishi signature covers it.
function pae(type, payload) {
    const typeBytes = encoder.encode(type);
    return concat(encoder.encode(`DSSEv1 ${typeBytes.length} ${type} ${payload.length} `), payload);
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
    const state = await blind(vote.blindKey, pae("shishi/credential-key/v1", encoder.encode(`${vote.hash}\n${keyText}`)));
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
    const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, credential.keys.privateKey, pae("shishi/ballot/v1", payload)));
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

function review() {
    const chosen = marks();
    const list = document.getElementById("review-list");
    list.replaceChildren();
    for (const fieldset of document.querySelectorAll("#mark-form fieldset")) {
        const checked = fieldset.querySelector("input:checked");
        const item = document.createElement("li");
        const label = checked ? checked.parentElement.textContent.trim() : "—";
        item.textContent = `${fieldset.querySelector("legend").textContent.trim()}${language === "zh" ? "：" : ": "}${label}`;
        item.dataset.mark = chosen[checked?.dataset.candidate] ?? "";
        list.append(item);
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

// The published vector first: a browser whose arithmetic is wrong never makes a credential.
try {
    await selfTest(rfc9474);
    document.body.dataset.selfTest = "passed";
} catch (error) {
    document.body.dataset.selfTest = "failed";
    say(booth.dataset.selfTestFailed + " (" + error.message + ")");
    document.getElementById("get-credential").disabled = true;
}

// A code from the QR code's address: put in the field, and taken out of the address bar and history.
const fromAddress = decodeURIComponent(location.hash.slice(1));
if (fromAddress) {
    document.getElementById("code").value = fromAddress;
    history.replaceState(null, "", location.pathname);
}

document.getElementById("code-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const button = document.getElementById("get-credential");
    busy(button, async () => {
        credential = await getCredential(document.getElementById("code").value.trim().toUpperCase());
        show("step-mark");
    });
});

document.getElementById("mark-form").addEventListener("change", (event) => {
    if (style !== "rating" && yesCount() > seats) {
        event.target.checked = false;
        const abstain = document.querySelector(`#mark-form input[data-candidate="${CSS.escape(event.target.dataset.candidate)}"][value=""]`);
        if (abstain) abstain.checked = true;
        say(`${booth.dataset.tooMany} (${seats})`);
    } else {
        say("");
    }
    document.getElementById("yes-count").textContent = String(yesCount());
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
