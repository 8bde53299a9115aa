/** Estimated stored size of a value: UTF-8 bytes of its JSON (the history's size cap counts these). */
export function estimateBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  // Counted without allocating an encoded copy.
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
