// A live region is read out when its content changes, but a page loaded whole arrives with its toast already in
// place (after a redirect: "You are signed out."). So the toast is taken out and put back a moment after the
// load, and a screen reader announces it. Toasts that arrive by enhanced navigation are patched in and announced.
const region = document.querySelector('.toast-region');
if (region && region.children.length > 0) {
    const toasts = [...region.children];
    region.replaceChildren();
    setTimeout(() => region.replaceChildren(...toasts), 250);
}
