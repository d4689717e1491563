import { describe, expect, it } from 'vitest';
import { Admin, Collection, Record, SchemaField, User } from '../../src/index';

describe('models', () => {
    it('Record keeps every field, normalises the special ones, and survives hostile fields', () => {
        const record = new Record({ id: 'r1', title: 'T', nested: { a: 1 }, '@collectionId': 'c1', '@expand': { author: { id: 'a' } } });
        expect(record.title).toBe('T');
        expect(record.nested).toEqual({ a: 1 });
        expect(record['@expand']).toEqual({ author: { id: 'a' } });
        expect(record['@collectionName']).toBe('');
        expect(record.isNew).toBe(false);

        const hostile = new Record({ id: 5, isNew: 'field named isNew', '@expand': [1], '@collectionId': null });
        expect(hostile.id).toBe('');
        expect(hostile.isNew).toBe(true);
        expect(hostile['@expand']).toEqual({});
        expect(hostile['@collectionId']).toBe('');
    });

    it('clone is a deep copy of the same class; export a plain copy', () => {
        const record = new Record({ id: 'r1', list: [1, 2] });
        const copy = record.clone();
        expect(copy).toBeInstanceOf(Record);
        expect(copy).not.toBe(record);
        expect(copy.list).toEqual([1, 2]);
        expect(copy.list).not.toBe(record.list);
        expect(Object.getPrototypeOf(record.export())).toBe(Object.prototype);
    });

    it('User, Admin, Collection and SchemaField take only well-typed values', () => {
        const user = new User({ id: 'u', email: 42, verified: 1, profile: { id: 'p', name: 'Ann' } });
        expect([user.email, user.verified, user.profile?.name]).toEqual(['', true, 'Ann']);
        expect(user.profile).toBeInstanceOf(Record);
        expect(new Admin({ avatar: '3' }).avatar).toBe(0);
        const collection = new Collection({ name: 'posts', listRule: '', viewRule: 5, schema: [{ name: 'title' }, null] });
        expect([collection.listRule, collection.viewRule]).toEqual(['', null]);
        expect(collection.schema[0]).toBeInstanceOf(SchemaField);
        expect(collection.schema[0]!.type).toBe('text');
        expect(collection.schema[1]!.name).toBe('');
    });
});
