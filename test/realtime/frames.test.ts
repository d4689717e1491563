import { describe, expect, it } from 'vitest';
import { Record } from '../../src/core/models/Record';
import { parseClientId, parseMessage } from '../../src/realtime/frames';

describe('parseMessage', () => {
    it('turns { action, record } into a message whose record is a Record model', () => {
        const data = JSON.stringify({
            action: 'update',
            record: { id: 'r1', title: 'Hi', '@collectionId': 'c1', '@collectionName': 'posts', '@expand': {} },
        });
        const result = parseMessage(data);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.message.action).toBe('update');
        expect(result.message.record).toBeInstanceOf(Record);
        expect(result.message.record.id).toBe('r1');
        expect(result.message.record.title).toBe('Hi');
        expect(result.message.record['@collectionName']).toBe('posts');
    });

    it('keeps extra fields a server may add', () => {
        const result = parseMessage('{"action":"create","record":{"id":"a"},"extra":1}');
        expect(result.ok && result.message.extra).toBe(1);
    });

    it.each(['not json', '', '{"action":', 'undefined'])('reports data that is not JSON (%j) as invalid-json', (data) => {
        const result = parseMessage(data);
        expect(result).toMatchObject({ ok: false, kind: 'invalid-json' });
    });

    it.each([
        'null', '42', '"text"', '[]', '{}', '{"action":"create"}', '{"record":{}}',
        '{"action":1,"record":{}}', '{"action":"create","record":null}', '{"action":"create","record":[1]}',
    ])('reports JSON that is not { action, record } (%s) as invalid-message', (data) => {
        expect(parseMessage(data)).toMatchObject({ ok: false, kind: 'invalid-message' });
    });
});

describe('parseClientId', () => {
    it('reads data.clientId', () => {
        expect(parseClientId('{"clientId":"abc"}', 'other')).toBe('abc');
    });

    it('falls back to the event id (what the seed SDK read), then to nothing', () => {
        expect(parseClientId('garbage', 'fromId')).toBe('fromId');
        expect(parseClientId('{"clientId":5}', 'fromId')).toBe('fromId');
        expect(parseClientId('garbage', undefined)).toBe('');
    });
});
