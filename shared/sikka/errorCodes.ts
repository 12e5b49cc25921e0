/**
 * Every error code of the Sikka guide's error table, with what the front desk needs to know.
 *
 * `retry` says what trying again can do: `now` — a transient fault, the client backs off and
 * retries on its own; `later` — it clears with time (a daily limit resets, the practice's data
 * arrives), so the office waits; `never` — a person must act (credentials, permissions, a bug).
 */
export type RetryAdvice = 'now' | 'later' | 'never';

export interface SikkaErrorInfo {
  readonly httpStatus: number;
  readonly httpDescription: string;
  readonly shortMessage: string;
  readonly longMessage: string;
  readonly moreInformation: string;
  readonly retry: RetryAdvice;
  /** Plain words for a receptionist: what happened and what, if anything, to do. */
  readonly explanation: string;
}

const missingParameter = (longMessage: string, moreInformation: string, explanation: string): SikkaErrorInfo => ({
  httpStatus: 400,
  httpDescription: 'BadRequest',
  shortMessage: 'Missing Parameter',
  longMessage,
  moreInformation,
  retry: 'never',
  explanation,
});

const APP_BUG = 'Practice Companion sent Sikka an incomplete request. Please report this to your IT contact.';
const DECRYPT = 'Sikka could not decrypt a value the app sent. Please report this to your IT contact.';

export const SIKKA_ERRORS = {
  API0002: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'OK', longMessage: 'Request Session terminated successfully.', moreInformation: '', retry: 'never', explanation: 'The Sikka session was ended.' },
  API0003: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'OK', longMessage: 'Request Session terminated successfully.', moreInformation: '', retry: 'never', explanation: 'The Sikka session was ended.' },
  API0004: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Email/Text message sent successfully.', longMessage: '', moreInformation: '', retry: 'never', explanation: 'The message was sent.' },
  API0005: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Email/Text message not sent.', longMessage: '', moreInformation: '', retry: 'later', explanation: 'Sikka could not send the message.' },
  API0006: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Call details logged successfully.', longMessage: '', moreInformation: '', retry: 'never', explanation: 'The call was logged.' },
  API0008: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Appointment status not logged.', longMessage: '', moreInformation: '', retry: 'later', explanation: 'Sikka did not record the appointment status.' },
  API1001: missingParameter('ApplicationID is missing.', 'Please provide the applicationid.', 'The app ID is missing. Enter it in Settings or sign in again.'),
  API1002: missingParameter('ApplicationKey is missing.', 'Please provide the applicationkey.', 'The app key is missing. Enter it in Settings or sign in again.'),
  API1003: missingParameter('MID is missing.', 'Please provide the mid.', APP_BUG),
  API1004: missingParameter('Requestkey is missing.', 'Please provide the requestkey.', APP_BUG),
  API1005: missingParameter('SecretKey is missing.', 'Please provide the secretkey.', 'The office\u2019s secret key is missing. Reconnect the office in Settings.'),
  API1006: { httpStatus: 415, httpDescription: 'UnsupportedMediaType', shortMessage: 'Sikka API supports json/xml', longMessage: 'Sikka API does not support response format.', moreInformation: 'Please request with json/xml.', retry: 'never', explanation: 'Sikka does not support the data format the app asked for. Switch the format back to JSON in Settings.' },
  API1007: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Appointment status logged successfully', longMessage: '', moreInformation: '', retry: 'never', explanation: 'The appointment status was recorded.' },
  API1020: missingParameter('One of the parameter is missing.', 'Please provide all the parameters in syntax of service.', APP_BUG),
  API1025: { httpStatus: 400, httpDescription: 'BadRequest', shortMessage: 'Request key expired', longMessage: 'Request key is not valid, it is expired.', moreInformation: 'Please generate new request key and make new request.', retry: 'now', explanation: 'The daily connection key to Sikka expired. The app gets a new one by itself; if this stays, sign in again.' },
  API1026: { httpStatus: 400, httpDescription: 'BadRequest', shortMessage: 'Missing/Invalid Parameter', longMessage: 'One of the parameter is missing or invalid.', moreInformation: '', retry: 'never', explanation: APP_BUG },
  API1027: { httpStatus: 400, httpDescription: 'BadRequest', shortMessage: '', longMessage: '', moreInformation: '', retry: 'never', explanation: APP_BUG },
  API2001: { httpStatus: 500, httpDescription: 'InternalServerError', shortMessage: 'Internal Error', longMessage: 'Internal Error.', moreInformation: 'Please contact Sikka API Support.', retry: 'now', explanation: 'Sikka had an internal problem. The app will try again; if it keeps happening, contact Sikka support.' },
  API2002: { httpStatus: 503, httpDescription: 'ServiceUnavailable', shortMessage: 'Try again later.', longMessage: 'The Sikka APIs are up, but overloaded with requests. Try again later.', moreInformation: '', retry: 'now', explanation: 'Sikka is busy right now. The app will try again shortly.' },
  API2003: { httpStatus: 401, httpDescription: 'Unauthorized', shortMessage: 'Authentication/Authorization Failed', longMessage: 'ID or key is incorrect.', moreInformation: 'This error can be caused by an incorrect application id , application key. In case of provider_accounts & patient_accounts this error can be caused by incorrect username or password.', retry: 'never', explanation: 'Sikka did not accept the app ID or key. Check them in Settings, or sign in with Sikka again.' },
  API2004: { httpStatus: 401, httpDescription: 'Unauthorized', shortMessage: 'Authentication/Authorization Failed', longMessage: 'You are not authorized to use this API.', moreInformation: 'This error can be caused when you try to access API not accessible by you, if you want to use this API contact SIKKA API SUPPORT.', retry: 'never', explanation: 'The practice\u2019s Sikka plan does not include this information. Contact Sikka API support to add it.' },
  API2005: { httpStatus: 204, httpDescription: 'NoContent', shortMessage: 'No content found for given parameter', longMessage: 'Request is processed successfully, but no data/content returned.', moreInformation: '', retry: 'never', explanation: 'Sikka has no records for this request.' },
  API2006: { httpStatus: 500, httpDescription: 'InternalServerError', shortMessage: 'Error occured while processing request', longMessage: 'The server encountered an error while processing your request and failed.', moreInformation: 'Please contact Sikka API Support.', retry: 'now', explanation: 'Sikka failed while answering. The app will try again; if it keeps happening, contact Sikka support.' },
  API2007: { httpStatus: 401, httpDescription: 'Unauthorized', shortMessage: 'Authentication/Authorization Failed', longMessage: 'You are not authorized to access practice details with Sikka API.', moreInformation: 'This error can be caused when you try to access practice details not accessible by you. If you want to access this practice\'s details with Sikka API contact practice and ask to allow access.', retry: 'never', explanation: 'This practice has not allowed Practice Companion to read its data. Ask the practice owner to allow access in their Sikka account.' },
  API2009: { httpStatus: 404, httpDescription: 'NotFound', shortMessage: 'Resource not found', longMessage: 'The resource you requested does not exist.', moreInformation: 'The resource you requested does not exist.', retry: 'never', explanation: 'Sikka could not find what the app asked for.' },
  API2010: { httpStatus: 500, httpDescription: 'InternalServerError', shortMessage: 'Data not uploaded for this customer', longMessage: 'The data has not yet been uploaded for this customer. If it has been more than 4 hours since the installation, please contact Sikka Support for assistance.', moreInformation: 'Please contact Sikka Support.', retry: 'later', explanation: 'The practice\u2019s Sikka agent (SPC) was installed less than 4 hours ago and has not uploaded data yet. If it has been longer, contact Sikka support.' },
  API2011: { httpStatus: 429, httpDescription: 'Too Many Requests', shortMessage: 'Data limit exceeded', longMessage: 'Data size per practice per day exceeded', moreInformation: 'Please make request to the datalimit API for more information.', retry: 'later', explanation: 'This practice has used today\u2019s Sikka data allowance. Syncing resumes by itself when the limit resets; the copy on this PC still works.' },
  API2012: { httpStatus: 429, httpDescription: 'Too Many Requests', shortMessage: 'Request limit exceeded', longMessage: 'Requests per practice per day exceeded', moreInformation: 'Please make request to the datalimit API for more information.', retry: 'later', explanation: 'This practice has used today\u2019s Sikka request allowance. Syncing resumes by itself when the limit resets; the copy on this PC still works.' },
  API2013: { httpStatus: 409, httpDescription: 'Conflict', shortMessage: 'Resource already exists', longMessage: 'You attempted to do something which would leave a resource in an inconsistent state, such as create a resource with an already taken name or id.', moreInformation: 'Please check name or id and resubmit the request again.', retry: 'never', explanation: 'Sikka already has a record with that name or id.' },
  API2014: { httpStatus: 405, httpDescription: 'Method Not Allowed', shortMessage: 'Method not allowed for the resource', longMessage: 'Requested method not allowed for the resource', moreInformation: 'Please contact Sikka API support', retry: 'never', explanation: APP_BUG },
  API2015: { httpStatus: 409, httpDescription: 'Conflict', shortMessage: 'Resource already exists', longMessage: 'You attempted to do something which would leave a resource in an inconsistent state, such as create a resource with an already taken un or cell.', moreInformation: 'Please check un or cell and resubmit the request again.', retry: 'never', explanation: 'Sikka already has a record with that user name or cell number.' },
  API2016: { httpStatus: 201, httpDescription: 'Created', shortMessage: 'New resource created successfully', longMessage: '', moreInformation: '', retry: 'never', explanation: 'Created in Sikka.' },
  API2017: { httpStatus: 412, httpDescription: 'Precondition Failed', shortMessage: 'The server does not meet one of the preconditions that the requester put on the request.', longMessage: '--', moreInformation: '--', retry: 'never', explanation: APP_BUG },
  API2018: { httpStatus: 410, httpDescription: 'Gone', shortMessage: '', longMessage: '', moreInformation: '', retry: 'never', explanation: 'What the app asked for is no longer available in Sikka.' },
  API2019: { httpStatus: 422, httpDescription: 'Unprocessable', shortMessage: '', longMessage: 'The request was unable to be processed due to it containing invalid parameters.', moreInformation: '', retry: 'never', explanation: APP_BUG },
  API4001: { httpStatus: 200, httpDescription: 'OK', shortMessage: '', longMessage: '', moreInformation: '', retry: 'never', explanation: DECRYPT },
  API4002: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Error while decrypting string', longMessage: 'Error occured due to invalid character in encrypted string or invalid passkey or bytekey.', moreInformation: 'Please check passkey/bytekey, encode encrypted string with URL Encoding to replace invalid characters.', retry: 'never', explanation: DECRYPT },
  API4003: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Error while decrypting password', longMessage: 'Error occured due to invalid character in encrypted password or length, invalid passkey or bytekey.', moreInformation: 'Please check passkey/bytekey, encode encrypted password with URL Encoding to replace invalid characters.', retry: 'never', explanation: DECRYPT },
  API4004: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Error while decrypting email or username', longMessage: 'Error occured due to invalid character in encrypted email/username or length, invalid passkey or bytekey.', moreInformation: 'Please check passkey/bytekey, encode encrypted email/username with URL Encoding to replace invalid characters.', retry: 'never', explanation: DECRYPT },
  API4005: { httpStatus: 200, httpDescription: 'OK', shortMessage: 'Error while decrypting verification code', longMessage: 'Error occured due to invalid character in encrypted verification code or length, invalid passkey or bytekey.', moreInformation: 'Please check passkey/bytekey, encode encrypted verification code with URL Encoding to replace invalid characters.', retry: 'never', explanation: DECRYPT },
  API4007: { httpStatus: 200, httpDescription: 'OK', shortMessage: '', longMessage: '', moreInformation: '', retry: 'never', explanation: DECRYPT },
} as const satisfies Record<string, SikkaErrorInfo>;

export type SikkaErrorCode = keyof typeof SIKKA_ERRORS;

export function isSikkaErrorCode(value: string): value is SikkaErrorCode {
  return Object.hasOwn(SIKKA_ERRORS, value);
}

/**
 * Faults that happen on the way to Sikka rather than inside it. They have no code in the guide,
 * so the app names them itself.
 */
export const TRANSPORT_ERRORS = {
  NETWORK_UNREACHABLE: { retry: 'now', explanation: 'Cannot reach Sikka. Check this PC\u2019s internet connection; the copy on this PC still works.' },
  TIMEOUT: { retry: 'now', explanation: 'Sikka took too long to answer. The app will try again.' },
  CANCELLED: { retry: 'never', explanation: 'The request was cancelled.' },
  MALFORMED_RESPONSE: { retry: 'now', explanation: 'Sikka sent an answer the app could not read. The app will try again; nothing in the copy on this PC was changed.' },
  UNEXPECTED_RESPONSE: { retry: 'now', explanation: 'Sikka answered with an error the app does not know. The app will try again.' },
  RATE_LIMITED: { retry: 'later', explanation: 'The app is asking Sikka too quickly and is slowing down.' },
  DATA_INSERT_IN_PROGRESS: { retry: 'later', explanation: 'Sikka is loading the practice\u2019s latest data. The app waits until it is complete.' },
} as const satisfies Record<string, { retry: RetryAdvice; explanation: string }>;

export type TransportErrorCode = keyof typeof TRANSPORT_ERRORS;

export type SikkaClientErrorCode = SikkaErrorCode | TransportErrorCode;
