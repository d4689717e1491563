// A persistent (copy-on-write) sequence split into small chunks, so that one insert, remove or
// replace copies one chunk and the chunk table — O(B + n/B) — instead of the whole list, and
// every earlier version stays valid for the subscribers still holding it.

const CHUNK = 64;

/** An immutable sequence; every change returns a new one sharing the untouched chunks. */
export class ChunkedList<E> {
    private constructor(
        private readonly chunks: readonly (readonly E[])[],
        /** `starts[i]` = index of the first element of `chunks[i]`. */
        private readonly starts: readonly number[],
        readonly length: number,
    ) {}

    /** A list holding `items` (copied). */
    static from<E>(items: readonly E[]): ChunkedList<E> {
        const chunks: E[][] = [];
        for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK));
        return ChunkedList.of(chunks);
    }

    private static of<E>(chunks: readonly (readonly E[])[]): ChunkedList<E> {
        const starts: number[] = new Array<number>(chunks.length);
        let total = 0;
        for (let i = 0; i < chunks.length; i++) {
            starts[i] = total;
            total += chunks[i]!.length;
        }
        return new ChunkedList(chunks, starts, total);
    }

    /** The chunk holding index `i` (0 <= i < length). */
    private chunkOf(i: number): number {
        let lo = 0;
        let hi = this.chunks.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid]! <= i) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** The element at `i`, or undefined outside 0..length-1. */
    at(i: number): E | undefined {
        if (i < 0 || i >= this.length) return undefined;
        const c = this.chunkOf(i);
        return this.chunks[c]![i - this.starts[c]!];
    }

    /**
     * The first index whose element satisfies `pred`, or `length` if none does. `pred` must be
     * monotone over the list (false…false true…true); O(log n).
     */
    search(pred: (element: E) => boolean): number {
        // Find the first chunk whose last element satisfies pred, then search inside it.
        let lo = 0;
        let hi = this.chunks.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            const chunk = this.chunks[mid]!;
            if (pred(chunk[chunk.length - 1]!)) hi = mid;
            else lo = mid + 1;
        }
        if (lo === this.chunks.length) return this.length;
        const chunk = this.chunks[lo]!;
        let a = 0;
        let b = chunk.length - 1;
        while (a < b) {
            const mid = (a + b) >> 1;
            if (pred(chunk[mid]!)) b = mid;
            else a = mid + 1;
        }
        return this.starts[lo]! + a;
    }

    /** A list with `element` inserted before index `i` (0 <= i <= length). */
    insert(i: number, element: E): ChunkedList<E> {
        if (this.chunks.length === 0) return ChunkedList.of([[element]]);
        // Appending goes into the last chunk.
        const c = i >= this.length ? this.chunks.length - 1 : this.chunkOf(i);
        const chunk = this.chunks[c]!.slice();
        chunk.splice(i - this.starts[c]!, 0, element);
        const chunks = this.chunks.slice();
        if (chunk.length > 2 * CHUNK) {
            chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
            return ChunkedList.of(chunks);
        }
        chunks[c] = chunk;
        return new ChunkedList(chunks, this.shiftStarts(c, 1), this.length + 1);
    }

    /** `starts` with every chunk after `c` moved by `delta`. */
    private shiftStarts(c: number, delta: number): number[] {
        const starts = this.starts.slice();
        for (let i = c + 1; i < starts.length; i++) starts[i]! += delta;
        return starts;
    }

    /** A list without the element at index `i` (0 <= i < length). */
    remove(i: number): ChunkedList<E> {
        const c = this.chunkOf(i);
        const chunk = this.chunks[c]!.slice();
        chunk.splice(i - this.starts[c]!, 1);
        const chunks = this.chunks.slice();
        if (chunk.length === 0) {
            chunks.splice(c, 1);
            return ChunkedList.of(chunks);
        }
        chunks[c] = chunk;
        return new ChunkedList(chunks, this.shiftStarts(c, -1), this.length - 1);
    }

    /**
     * A list without the element at `from`, and with `element` inserted at `to` — an index of the
     * list without it (0 <= to < length). One copy of the chunk table instead of two.
     */
    move(from: number, to: number, element: E): ChunkedList<E> {
        const cf = this.chunkOf(from);
        // A chunk left empty is dropped: the general path handles that (rare with 64 per chunk).
        if (this.chunks[cf]!.length === 1) return this.remove(from).insert(to, element);
        const chunks = this.chunks.slice();
        const source = chunks[cf]!.slice();
        source.splice(from - this.starts[cf]!, 1);
        chunks[cf] = source;
        // Chunk starts in the list without the element: one less after chunk `cf`.
        const startOf = (c: number): number => this.starts[c]! - (c > cf ? 1 : 0);
        // The last chunk starting at or before `to` (appending at the very end goes to the last chunk).
        let lo = 0;
        let hi = chunks.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (startOf(mid) <= to) lo = mid;
            else hi = mid - 1;
        }
        const ct = lo;
        const target = ct === cf ? source : chunks[ct]!.slice();
        target.splice(to - startOf(ct), 0, element);
        chunks[ct] = target;
        if (target.length > 2 * CHUNK) {
            chunks.splice(ct, 1, target.slice(0, CHUNK), target.slice(CHUNK));
            return ChunkedList.of(chunks);
        }
        const starts = this.starts.slice();
        if (cf < ct) for (let i = cf + 1; i <= ct; i++) starts[i]! -= 1;
        else for (let i = ct + 1; i <= cf; i++) starts[i]! += 1;
        return new ChunkedList(chunks, starts, this.length);
    }

    /** A list with the element at index `i` (0 <= i < length) replaced. */
    set(i: number, element: E): ChunkedList<E> {
        const c = this.chunkOf(i);
        const chunk = this.chunks[c]!.slice();
        chunk[i - this.starts[c]!] = element;
        const chunks = this.chunks.slice();
        chunks[c] = chunk;
        return new ChunkedList(chunks, this.starts, this.length);
    }

    /** The elements (mapped by `map`) as a new array, in one O(n) pass. */
    toArray<M = E>(map?: (element: E) => M): M[] {
        const out = new Array<M>(this.length);
        let i = 0;
        for (const chunk of this.chunks) {
            for (const e of chunk) out[i++] = map ? map(e) : (e as unknown as M);
        }
        return out;
    }
}
