export { BaseModel, type ModelData } from './BaseModel';
export { Record } from './Record';
export { User } from './User';
export { Admin } from './Admin';
export { Collection } from './Collection';
export { SchemaField } from './SchemaField';
export { ExternalAuth } from './ExternalAuth';
export { LogRequest } from './LogRequest';
export { ListResult } from './ListResult';
