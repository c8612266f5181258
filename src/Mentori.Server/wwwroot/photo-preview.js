// Shows the photo a member has chosen before it is uploaded (the server checks it again when it arrives).
// One listener on the document, so fields that arrive by enhanced navigation work without being found first.
document.addEventListener('change', event => {
    const field = event.target;
    const preview = field instanceof HTMLInputElement && field.type === 'file' && field.dataset.preview ? document.getElementById(field.dataset.preview) : null;
    if (!preview) {
        return;
    }

    const file = field.files?.[0];
    if (preview.src) {
        URL.revokeObjectURL(preview.src);
    }

    preview.hidden = !file;
    preview.src = file ? URL.createObjectURL(file) : '';
});
