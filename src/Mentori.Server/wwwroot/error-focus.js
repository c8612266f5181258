// An enhanced form post patches the page in place instead of navigating, so FocusOnNavigate does not run: when the
// answer says what to correct, its error summary takes the focus, so that it is read out and the fields are next.
Blazor.addEventListener('enhancedload', () => document.querySelector('.error-summary')?.focus());
