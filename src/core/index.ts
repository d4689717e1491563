export { Client, type ClientOptions } from './Client';
export { ClientResponseError, isClientResponseError, type ErrorData, type ClientResponseErrorInit } from './errors';
export { getTokenPayload, isTokenExpired, tokenExpiresAt, type TokenPayload } from './jwt';
export { cookieParse, cookieSerialize, type ParseOptions, type SerializeOptions } from './cookie';
export { serializeQueryParams, type QueryParams, type QueryValue } from './query';
export type { SendOptions, BeforeSendHook, AfterSendHook, FetchFunction } from './request';
export type {
    AnyCollections, CollectionName, CollectionTopic, TopicCollection, RecordFields, CreateBody, UpdateBody,
} from './collections';
export * from './auth/index';
export * from './models/index';
export * from './services/index';
