// Reference extension for bench/cold-start.ts: bench/harness/bare-webrequest plus the marks the
// audit build sets for its first request (received and handled are the same moment here).
let seen = false;
chrome.webRequest.onBeforeRequest.addListener(
  () => {
    if (seen) return;
    seen = true;
    performance.mark('tl:first-request');
    performance.mark('tl:first-request-handled');
  },
  { urls: ['<all_urls>'] },
  ['requestBody'],
);
