// Reference extension for bench/pageload.ts: observes every request and does nothing else.
globalThis.requestsSeen = 0;
chrome.webRequest.onBeforeRequest.addListener(
  () => {
    globalThis.requestsSeen += 1;
  },
  { urls: ['<all_urls>'] },
  ['requestBody'],
);
