export { Admins, type AdminAuthResponse } from './Admins';
export { Users, type UserAuthResponse, type AuthMethodsList, type AuthProviderInfo } from './Users';
export { Collections } from './Collections';
export { Records, type RecordOf } from './Records';
export { Logs, type HourlyStats } from './Logs';
export { Settings } from './Settings';
export type { BodyParams, ListQueryParams, RecordQueryParams } from './types';
