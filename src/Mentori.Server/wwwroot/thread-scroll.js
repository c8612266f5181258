// A chat thread's scroll box: it opens at the newest message (the bottom), follows new messages while the reader is
// at the bottom, and loads older messages when the reader scrolls up to the top, by pressing the "Older messages"
// button there (which keyboard users press themselves); the messages on the screen stay where they were.
(() => {
    function start(box) {
        box.dataset.threadReady = '';
        let atBottom = true;
        let before = null; // the height and the distance from the bottom when older messages were asked for

        const scrollToEnd = () => { box.scrollTop = box.scrollHeight; };
        const pressWhenVisible = new IntersectionObserver(entries => {
            const button = entries[entries.length - 1].target;
            if (entries[entries.length - 1].isIntersecting && button.getAttribute('aria-disabled') !== 'true' && before === null) {
                before = { height: box.scrollHeight, fromBottom: box.scrollHeight - box.scrollTop };
                button.click();
            }
        });
        const watchOlderButton = () => {
            pressWhenVisible.disconnect();
            const button = box.querySelector('[data-older]');
            if (button) {
                pressWhenVisible.observe(button); // reports at once, then on every change
            } else {
                before = null;
            }
        };

        box.addEventListener('scroll', () => { atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 48; }, { passive: true });
        new MutationObserver(() => {
            if (before !== null && box.scrollHeight !== before.height) {
                box.scrollTop = box.scrollHeight - before.fromBottom; // older messages arrived above
                before = null;
            } else if (atBottom) {
                scrollToEnd();
            }
            watchOlderButton(); // a new button, or the same one made live
        }).observe(box, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-disabled'] });
        scrollToEnd();
        watchOlderButton();
    }

    // The box is drawn again when the live thread becomes interactive, and arrives with enhanced navigation.
    const findBoxes = () => document.querySelectorAll('[data-thread]:not([data-thread-ready])').forEach(start);
    new MutationObserver(findBoxes).observe(document.documentElement, { childList: true, subtree: true });
    findBoxes();
})();
