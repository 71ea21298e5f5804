// A refused form keeps what was typed: when a form is sent, what its fields hold is kept for this
// tab (sessionStorage); if the answer is the refusal page (Templates/refusal.mustache, with its
// #refusal-back link), the page says so, and the page the link leads back to fills the same form
// in again, opening the section that holds it. Any other answer (the form did what it should)
// forgets it. Hidden fields (tokens), passwords and files are never kept.
const sent = "shishi.form.sent";
const refused = "shishi.form.refused";

function fields(form) {
    return [...form.elements].filter((field) => field.name && !["hidden", "password", "file", "submit", "button"].includes(field.type));
}

document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method !== "post") return;
    const values = fields(form).map((field) =>
        field.type === "checkbox" || field.type === "radio" ? [field.name, field.value, field.checked] : [field.name, field.value]);
    sessionStorage.setItem(sent, JSON.stringify({ action: form.getAttribute("action"), values }));
});

function restore(kept) {
    const form = [...document.forms].find((candidate) => candidate.getAttribute("action") === kept.action);
    if (!form) return;
    const byName = new Map();
    for (const field of fields(form)) byName.set(field.name, [...(byName.get(field.name) || []), field]);
    for (const [name, value, checked] of kept.values) {
        for (const field of byName.get(name) || []) {
            if (field.type === "checkbox" || field.type === "radio") {
                if (field.value === value) field.checked = checked;
            } else {
                field.value = value;
            }
        }
    }
    for (let section = form.closest("details"); section; section = section.parentElement?.closest("details")) section.open = true;
    const first = fields(form).find((field) => field.type !== "radio" && field.type !== "checkbox");
    (first || form).scrollIntoView({ block: "center" });
    first?.focus();
}

const refusal = document.getElementById("refusal-back");
const pending = sessionStorage.getItem(sent);
sessionStorage.removeItem(sent);
if (refusal) {
    // The form was refused: keep what it held for the page the way back leads to.
    if (pending) {
        sessionStorage.setItem(refused, pending);
        document.getElementById("typed-kept")?.removeAttribute("hidden");
    }
} else {
    const kept = sessionStorage.getItem(refused);
    sessionStorage.removeItem(refused);
    if (kept) {
        try {
            restore(JSON.parse(kept));
        } catch {
            // Nothing to restore: the form is as the page made it.
        }
    }
}
