// Keeps a text area's "N of M characters" line current while the user types (the server checks the limit again).
// One listener on the document, so fields that arrive by enhanced navigation work without being found first.
document.addEventListener('input', event => {
    const field = event.target;
    const count = field instanceof HTMLTextAreaElement && field.dataset.count ? document.getElementById(field.dataset.count) : null;
    if (count) {
        count.textContent = `${field.value.length} of ${field.maxLength} characters`;
    }
});
