/** A tiny raw SSE reader over fetch for the realtime tests (no EventSource, to see the bytes). */
export interface SseFrame {
  id: string;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Everything received so far, verbatim. */
  raw(): string;
  next(timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ends the stream (or the socket dies). */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  let buffer = '';
  const frames: SseFrame[] = [];
  const waiters: Array<() => void> = [];
  const ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        buffer += text;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const frame: SseFrame = { id: '', event: '', data: '' };
          for (const line of block.split('\n')) {
            const i = line.indexOf(':');
            const key = line.slice(0, i);
            if (key === 'id' || key === 'event' || key === 'data') frame[key] = line.slice(i + 1);
          }
          frames.push(frame);
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted or reset
    }
    waiters.splice(0).forEach((w) => w());
  })();
  let finished = false;
  void ended.then(() => (finished = true));
  return {
    status: res.status,
    headers: res.headers,
    raw: () => raw,
    ended,
    close: () => controller.abort(),
    async next(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (frames.length === 0) {
        if (finished) throw new Error('stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('timed out waiting for an SSE frame');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return frames.shift()!;
    },
  };
}
