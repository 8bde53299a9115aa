export { Composer, type ComposerProps } from './Composer';
export { DraftActions, type DraftActionsProps } from './DraftActions';
export { RequestLog, type RequestLogProps } from './RequestLog';
export { RequestApp, type RequestAppProps, type Observations } from './RequestApp';
