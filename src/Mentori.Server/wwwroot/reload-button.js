// A button that reloads the page (the reconnect notice's): a link cannot, as the document's base is "/".
document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('[data-reload]')) {
        location.reload();
    }
});
