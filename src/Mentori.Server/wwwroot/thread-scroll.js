// A chat thread's scroll box: it opens at the newest message (the bottom), follows new messages while the reader is
// at the bottom, and loads older messages when the reader scrolls up to the top, by pressing the "Older messages"
// button there (which keyboard users press themselves); the messages on the screen stay where they were.
(() => {
    function start(box) {
        box.dataset.threadReady = '';
        let atBottom = true;
        let olderFocused = false;
        let asked = null; // older messages asked for: the first message then, where the reader was, and whether it got busy

        const olderButton = () => box.querySelector('[data-older]');
        const firstMessage = () => box.querySelector('li');
        const scrollToEnd = () => { box.scrollTop = box.scrollHeight; };

        const pressWhenVisible = new IntersectionObserver(entries => {
            const entry = entries[entries.length - 1];
            const button = entry.target;
            if (entry.isIntersecting && button.getAttribute('aria-disabled') !== 'true' && asked === null) {
                asked = { first: firstMessage(), fromBottom: box.scrollHeight - box.scrollTop, busy: false };
                button.click();
            }
        });
        const watchOlderButton = () => {
            pressWhenVisible.disconnect();
            const button = olderButton();
            if (button) {
                pressWhenVisible.observe(button); // reports at once, then on every change
            }
        };

        box.addEventListener('scroll', () => { atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 48; }, { passive: true });
        box.addEventListener('focusin', event => { olderFocused = event.target.hasAttribute('data-older'); });
        new MutationObserver(() => {
            const button = olderButton();
            if (asked !== null && firstMessage() !== asked.first) {
                box.scrollTop = box.scrollHeight - asked.fromBottom; // older messages arrived above
                asked = null;
            } else if (asked !== null) {
                asked.busy ||= button?.hasAttribute('data-busy') ?? false;
                if (!button || (asked.busy && !button.hasAttribute('data-busy'))) {
                    asked = null; // the load ended with nothing new (or failed): the next scroll may ask again
                }
            } else if (atBottom) {
                scrollToEnd();
            }

            if (!button && olderFocused && document.activeElement === document.body) {
                olderFocused = false;
                box.focus(); // the button pressed by keyboard is gone with the last page: the focus stays in the thread
            }

            watchOlderButton(); // a new button, or the same one made live
        }).observe(box, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-disabled', 'data-busy'] });
        scrollToEnd();
        watchOlderButton();
    }

    // The box is drawn again when the live thread becomes interactive, and arrives with enhanced navigation.
    const findBoxes = () => document.querySelectorAll('[data-thread]:not([data-thread-ready])').forEach(start);
    new MutationObserver(findBoxes).observe(document.documentElement, { childList: true, subtree: true });
    findBoxes();
})();
