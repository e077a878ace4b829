// UTF-8 both ways. TextEncoder and TextDecoder where they exist; the WeChat mini-program's
// older base libraries have neither, so the same done through encodeURIComponent there.

/** The UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  if (typeof TextEncoder === "function") return new TextEncoder().encode(text);
  const escaped = encodeURIComponent(text); // ASCII, every other byte as %XX
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === "%") {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(escaped.charCodeAt(i));
    }
  }
  return new Uint8Array(bytes);
}

/** The text of UTF-8 `bytes`. */
export function fromUtf8(bytes: Uint8Array): string {
  if (typeof TextDecoder === "function") return new TextDecoder().decode(bytes);
  return decodeURIComponent(Array.from(bytes, (byte) => "%" + byte.toString(16).padStart(2, "0")).join(""));
}
