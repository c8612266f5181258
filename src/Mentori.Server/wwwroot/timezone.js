// Tells Mentori the browser's time zone, so that pages show times in it (the server cannot know it otherwise).
// A page that showed times before the zone was known is loaded once more, now in the right zone.
(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) {
        return;
    }

    const cookie = `mentori.tz=${encodeURIComponent(zone)}`;
    if (document.cookie.split('; ').includes(cookie)) {
        return;
    }

    document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
    if (document.querySelector('[data-viewer-zone="UTC"]') && zone !== 'UTC' && zone !== 'Etc/UTC') {
        location.reload();
    }
})();
