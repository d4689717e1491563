import { Observable } from 'rxjs';
import type { Subscribable } from '../core/subscribable';

/**
 * Wraps a `Subscribable` (e.g. a `Shared`) as an Observable: each subscription is one listener,
 * and unsubscribing removes it, so the last unsubscribe stops the work behind it. The stream
 * never completes by itself; for one-shot sources map their values yourself (see `rx/query.ts`).
 *
 * @example
 * const ticks$ = toObservable(shared<number>((emit) => { const id = setInterval(() => emit(Date.now()), 1000); return () => clearInterval(id); }));
 * const sub = ticks$.subscribe(console.log);
 * sub.unsubscribe(); // the interval is cleared
 */
export function toObservable<T>(source: Subscribable<T>): Observable<T> {
    return new Observable<T>((subscriber) => source.subscribe((value) => subscriber.next(value)));
}
