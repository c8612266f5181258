// Marks each rule of a new-password field as met or not while the user types, and says how many are left. The
// patterns are the server's own rules (PasswordPolicy.Rules), written into the page; the server checks again.
// One listener on the document, so fields that arrive by enhanced navigation work without being found first.
document.addEventListener('input', event => {
    const field = event.target;
    const list = field instanceof HTMLInputElement && field.dataset.passwordRules ? document.getElementById(field.dataset.passwordRules) : null;
    if (!list) {
        return;
    }

    const rules = [...list.querySelectorAll('[data-pattern]')];
    let left = 0;
    for (const rule of rules) {
        const met = new RegExp(rule.dataset.pattern, rule.dataset.flags).test(field.value);
        rule.classList.toggle('met', met);
        left += met ? 0 : 1;
    }

    const status = list.parentElement.querySelector('[data-password-rules-status]');
    if (status) {
        status.textContent = left === 0 ? 'The password meets every rule.' : `${left} of ${rules.length} password rules still to meet.`;
    }
});
