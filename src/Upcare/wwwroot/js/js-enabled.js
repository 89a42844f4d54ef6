// Lets the NHS.UK frontend style for JavaScript before first paint; pages work without it.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
