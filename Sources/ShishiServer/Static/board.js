// The public board's receipt check. The server answers where a tracker stands (counted, with
// its inclusion proof; set aside or rejected, with the reason; or absent), and this page checks
// the proof itself against the box digest the page publishes: a leaf is SHA-256(0x00 || tracker),
// a node SHA-256(0x01 || left || right), as in RFC 6962 and Sources/ShishiCore/Crypto/MerkleTree.swift.
import { bytesToHex, hexToBytes, sha256 } from "./encoding.js";

const section = document.getElementById("receipt");
const form = document.getElementById("receipt-form");
const input = document.getElementById("tracker-input");
const answer = document.getElementById("receipt-answer");
const words = section.dataset;

/** Whether `proof` leads from `tracker` (hex) to `root` (hex). */
export async function proofHolds(tracker, proof, root) {
    let hash = await sha256(new Uint8Array([0]), hexToBytes(tracker));
    for (const step of proof) {
        if (!/^[0-9a-f]{64}$/.test(step.hash)) return false;
        const sibling = hexToBytes(step.hash);
        hash = step.side === "left" ? await sha256(new Uint8Array([1]), sibling, hash) : await sha256(new Uint8Array([1]), hash, sibling);
    }
    return bytesToHex(hash) === root;
}

function say(text, kind) {
    answer.textContent = text;
    answer.className = kind;
}

// How many digits to ask with: the page says (a dozen or more counted ballots share them).
function prefixLength() {
    return Math.max(1, Number(words.prefixLength) || 1);
}

// Where the receipts of a prefix are: the server's API, or a published copy's file of that prefix.
function receiptsURL(prefix) {
    return words.receipts ? `${words.receipts}${prefix}.json` : `/api/receipt?prefix=${prefix}`;
}

async function check(tracker) {
    const wanted = tracker.trim().toLowerCase().split(":").pop();
    if (!/^[0-9a-f]{8,64}$/.test(wanted)) {
        say(words.badTracker, "refused");
        return;
    }
    say("…", "");
    let reply;
    try {
        const response = await fetch(receiptsURL(wanted.slice(0, Math.min(prefixLength(), wanted.length))), { headers: { Accept: "application/json" } });
        reply = await response.json();
        if (!response.ok) {
            say(reply.message ? reply.message[words.lang === "en" ? "en" : "zh"] : String(response.status), "refused");
            return;
        }
    } catch (error) {
        say(String(error), "refused");
        return;
    }
    // The server sent every ballot beginning with those digits; this page picks its own.
    const mine = reply.receipts.filter((receipt) => receipt.tracker.split(":").pop().startsWith(wanted));
    if (mine.length > 1) {
        say(words.ambiguous, "refused");
        return;
    }
    const receipt = mine[0];
    if (!receipt) {
        say(words.absent, "refused");
        return;
    }
    const reason = receipt.reason ? `: ${receipt.reason[words.lang === "en" ? "en" : "zh"]}` : "";
    const full = receipt.tracker.split(":").pop();
    switch (receipt.status) {
        case "counted":
        case "invalid": {
            if (words.algorithm !== "sha256") {
                say(`${words.notInBrowser} ${receipt.proofValid ? "✔" : "✘"} (${full})`, receipt.proofValid ? "done" : "refused");
                return;
            }
            const holds = receipt.boxDigest.endsWith(words.digest) && (await proofHolds(full, receipt.proof, words.digest));
            if (!holds) say(words.proofFailed, "refused");
            else say(`${receipt.status === "counted" ? words.counted : words.invalid} (${full})`, "done");
            return;
        }
        case "set-aside":
            say(`${words.setAside}${reason} (${full})`, "refused");
            return;
        case "rejected":
            say(`${words.rejected}${reason} (${full})`, "refused");
            return;
        default:
            say(words.absent, "refused");
    }
}

form.addEventListener("submit", (event) => {
    event.preventDefault();
    check(input.value);
});

// Opened from the booth's QR code: /board#tracker=HEX.
const fromAddress = new URLSearchParams(location.hash.slice(1)).get("tracker");
if (fromAddress) {
    input.value = fromAddress;
    history.replaceState(null, "", location.pathname);
    // Arriving with a tracker, the answer comes first: the receipt section at the top of the screen.
    document.getElementById("receipt").scrollIntoView({ block: "start" });
    check(fromAddress);
}
