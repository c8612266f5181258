// A form on its way says so (its button's wheel shows after a blink, app.css) and is not sent twice. Only the page's
// own forms, which all name their method; a live component's form (the chat's composer) posts nothing and keeps
// its own state.
(() => {
    const patience = 15000; // an answer that never patches the page (a failed fetch) frees the form after this
    let pending = null; // the form on its way, its button, and the timer that frees it

    const settle = () => {
        if (pending) {
            clearTimeout(pending.timer);
            pending.form.removeAttribute('aria-busy');
            pending.button?.removeAttribute('data-busy');
            pending = null;
        }
    };

    document.addEventListener('submit', event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.hasAttribute('method')) {
            return;
        }

        if (pending?.form === form) {
            event.preventDefault(); // sent already: a second click would ask twice
            return;
        }

        settle();
        pending = { form, button: event.submitter, timer: setTimeout(settle, patience) };
        form.setAttribute('aria-busy', 'true');
        pending.button?.setAttribute('data-busy', '');
    }, true);

    // An enhanced answer patches the page in place: whatever was sent has its answer now.
    Blazor.addEventListener('enhancedload', settle);
    window.addEventListener('pageshow', settle); // back to a page kept by the browser's cache
})();
